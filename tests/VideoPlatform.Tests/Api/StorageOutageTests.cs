using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api;

/// <summary>A store that is down answers 503 with a code and a Retry-After, never a 500.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StorageOutageTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster) { Store = DownStore.Create() };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task PutSource_StoreUnavailable_Answers503StorageUnavailableWithRetryAfter()
    {
        using var user = await api.RegisterUserAsync();
        var videoId = await CreateVideoAsync(user.Client);
        var body = new ByteArrayContent(new byte[1000]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await user.Client.PutAsync(new Uri($"/api/videos/{videoId}/source", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("storage_unavailable", problem.GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
    }

    /// <summary>Every call fails the way a store that cannot be reached fails.</summary>
    public class DownStore : DispatchProxy
    {
        public static IObjectStore Create() => Create<IObjectStore, DownStore>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new ObjectStoreUnavailableException("the store is down (test)");
    }
}
