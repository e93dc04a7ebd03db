using System.Globalization;
using System.Net;
using VideoPlatform.ProcessHosts;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api;

/// <summary>The Api's metrics (Telemetry:MetricsPort): served on that port alone, never on the public one.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MetricsPortTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly int metricsPort = FreePorts.Take(1)[0];
    private ApiFactory api = null!;
    private Uri publicBase = null!;

    [Fact]
    public async Task Metrics_AnswerOnTheMetricsPort_WithTheApisOwnInstruments()
    {
        using var http = new HttpClient();
        // One request on the public port, so the Api's HTTP instrument has a sample to show.
        (await http.GetAsync(new Uri(publicBase, "/healthz"))).Dispose();

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}/metrics"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnThePublicPort_AreNotFound_EvenWithTheMetricsPortInTheHostHeader()
    {
        using var http = new HttpClient();
        using var plain = await http.GetAsync(new Uri(publicBase, "/metrics"));
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(publicBase, "/metrics"));
        spoofed.Headers.Host = $"127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}";
        using var spoofedResponse = await http.SendAsync(spoofed);

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, spoofedResponse.StatusCode);
        Assert.DoesNotContain("# TYPE", await spoofedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public Task InitializeAsync()
    {
        api = new ApiFactory(cluster, new Dictionary<string, string?>
        {
            ["VideoPlatform:Telemetry:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        });
        publicBase = api.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await api.DisposeAsync();
}
