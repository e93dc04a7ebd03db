using System.Text.Json;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OpenApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);

    [Theory]
    [InlineData("/api/videos")]
    [InlineData("/api/videos/{id}")]
    [InlineData("/api/videos/{id}/source")]
    [InlineData("/api/uploads")]
    [InlineData("/play/{id}/{path}")]
    [InlineData("/api/admin/transcode")]
    public async Task Document_ListsEndpoint(string path)
    {
        var json = await api.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = JsonDocument.Parse(json).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains(path, paths);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => api.DisposeAsync().AsTask();
}
