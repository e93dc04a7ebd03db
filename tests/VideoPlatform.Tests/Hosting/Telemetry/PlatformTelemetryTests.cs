using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Telemetry;

namespace VideoPlatform.Tests.Hosting.Telemetry;

[Trait("Category", "Unit")]
public sealed class PlatformTelemetryTests
{
    [Fact]
    public async Task Metrics_WithPrometheus_ServesThePlatformMeterInTextFormat()
    {
        var name = $"vp.test.scrape_{Guid.NewGuid():N}";
        await using var app = await StartAsync(prometheus: true);
        using var meter = new Meter(PlatformTelemetry.SourceName);
        var counter = meter.CreateCounter<long>(name);
        counter.Add(7, new KeyValuePair<string, object?>("outcome", "succeeded"));

        using var response = await app.GetTestClient().GetAsync(new Uri(PlatformTelemetry.MetricsPath, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var line = body.Split('\n').FirstOrDefault(l => l.StartsWith(name.Replace('.', '_'), StringComparison.Ordinal) && l.Contains("outcome=\"succeeded\"", StringComparison.Ordinal));
        Assert.True(line is not null, $"no sample of {name} in:\n{body[..Math.Min(body.Length, 2000)]}");
        Assert.EndsWith(" 7", line.Split(' ', 3) is [var _, var value, ..] ? " " + value : line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithoutPrometheus_IsNotMapped()
    {
        await using var app = await StartAsync(prometheus: false);

        using var response = await app.GetTestClient().GetAsync(new Uri(PlatformTelemetry.MetricsPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<WebApplication> StartAsync(bool prometheus)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddPlatformTelemetry("vp-test", new PlatformOptions(), prometheus);
        var app = builder.Build();
        app.MapPlatformMetrics();
        await app.StartAsync();
        return app;
    }
}
