using System.Net;
using System.Reflection;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// The video is deleted after the last bytes of its upload arrived and before the source is written and reported:
/// the source written then must not stay behind. The store holds the source write until the test has deleted the
/// video, so the race is taken in this order every time.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DeletedDuringUploadTests : IAsyncLifetime
{
    private readonly PlatformClusterFixture cluster;
    private readonly SourceGate gate;
    private readonly ApiFactory api;

    public DeletedDuringUploadTests(PlatformClusterFixture cluster)
    {
        this.cluster = cluster;
        (var store, gate) = ObjectStoreProxy.Around<SourceGate>(new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System));
        api = new(cluster) { Store = store };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task TusUpload_VideoDeletedBeforeItsLastPatchCompletes_LeavesNoSource()
    {
        using var user = await api.RegisterUserAsync();
        var bytes = RandomBytes(1000);
        var (videoId, upload) = await CreateUploadAsync(user.Client, cluster, bytes.Length);
        var held = gate.Hold(MediaKeys.Source(videoId));

        var patch = user.Client.SendAsync(Patch(upload, 0, bytes));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        await DeleteAsync(user.Client, videoId);
        held.Release();
        using var response = await patch;

        Assert.Equal(VideoStatus.Deleted, (await VideoAsync(cluster, videoId))!.Status);
        Assert.Null(await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Put_VideoDeletedBeforeTheSourceIsWritten_LeavesNoSourceAndAnswers404Deleted()
    {
        using var user = await api.RegisterUserAsync();
        var videoId = await CreateVideoAsync(user.Client);
        var held = gate.Hold(MediaKeys.Source(videoId));

        var put = user.Client.PutAsync(new Uri($"/api/videos/{videoId}/source", UriKind.Relative), new ByteArrayContent(RandomBytes(1000)));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        await DeleteAsync(user.Client, videoId);
        held.Release();
        using var response = await put;

        Assert.Null(await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("deleted", System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    private static async Task DeleteAsync(HttpClient client, string videoId)
    {
        using var deleted = await client.DeleteAsync(new Uri($"/api/videos/{videoId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    /// <summary>Holds the Api's write of one key until released (the write itself then goes to the store).</summary>
    public class SourceGate : ObjectStoreProxy
    {
        private Held? held;

        public Held Hold(string key) => held = new Held(key);

        protected override object? Intercept(MethodInfo method, object?[] args)
        {
            if (method.Name != nameof(IObjectStore.PutAsync) || held is not { } h || (string)args[0]! != h.Key)
            {
                return null;
            }

            return WriteAfterReleaseAsync(h, args);
        }

        private async Task<ObjectInfo> WriteAfterReleaseAsync(Held h, object?[] args)
        {
            h.Arrive();
            await h.Released;
            return await Inner.PutAsync((string)args[0]!, (Stream)args[1]!, (string?)args[2], (CancellationToken)args[3]!);
        }
    }

    public sealed class Held(string key)
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key => key;

        public Task Reached => reached.Task;

        public Task Released => released.Task;

        public void Arrive() => reached.TrySetResult();

        public void Release() => released.TrySetResult();
    }
}
