using System.Net;
using System.Text.Json;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HealthEndpointTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);

    [Fact]
    public async Task Healthz_ProcessAlive_Returns200()
    {
        var response = await api.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_ClusterAndStoreReachable_Returns200WithEachCheck()
    {
        var response = await api.CreateClient().GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("object-store").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_ObjectStoreUnreachable_Returns503NamingItWithoutExceptionText()
    {
        using var broken = new TempFolder();
        var root = Path.Combine(broken.Path, "file-not-folder");
        await File.WriteAllTextAsync(root, "x");
        await using var brokenApi = new ApiFactory(cluster, new Dictionary<string, string?> { ["VideoPlatform:Storage:FileSystem:Root"] = root });

        var response = await brokenApi.CreateClient().GetAsync(new Uri("/readyz", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var store = JsonDocument.Parse(text).RootElement.GetProperty("checks").GetProperty("object-store");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", store.GetProperty("status").GetString());
        Assert.Equal("object store unreachable", store.GetProperty("error").GetString());
        Assert.DoesNotContain(broken.Path, text, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();
}
