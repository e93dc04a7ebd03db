using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Api.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// The video is deleted after the last bytes of its upload arrived and before the source is written and reported:
/// the source written then must not stay behind. The store holds the source write until the test has deleted the
/// video, so the race is taken in this order every time. Tus uploads race on both byte paths: multipart (a store that
/// cannot append, as S3) and append-then-move (the FileSystem store).
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DeletedDuringUploadTests : IAsyncLifetime
{
    private readonly PlatformClusterFixture cluster;
    private readonly SourceGate gate;
    private readonly ApiFactory api;
    private readonly SourceGate appendGate;
    private readonly ApiFactory appendApi;

    public DeletedDuringUploadTests(PlatformClusterFixture cluster)
    {
        this.cluster = cluster;
        (var store, gate) = ObjectStoreProxy.Around<SourceGate>(new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System));
        api = new(cluster) { Store = store };
        (var appendable, appendGate) = ObjectStoreProxy.AroundAppendable<SourceGate>(new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System));
        appendApi = new(cluster) { Store = appendable };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await appendApi.DisposeAsync();
    }

    [Fact]
    public async Task TusUpload_VideoDeletedBeforeItsLastPatchCompletes_LeavesNoSource() =>
        await TusRaceAsync(api, gate, typeof(MultipartUploadWriter));

    [Fact]
    public async Task TusUploadOnAnAppendableStore_VideoDeletedBeforeTheMove_LeavesNoSource() =>
        await TusRaceAsync(appendApi, appendGate, typeof(AppendUploadWriter));

    private async Task TusRaceAsync(ApiFactory host, SourceGate hold, Type writer)
    {
        Assert.IsType(writer, host.Services.GetRequiredService<IUploadWriter>());
        using var user = await host.RegisterUserAsync();
        var bytes = RandomBytes(1000);
        var (videoId, upload) = await CreateUploadAsync(user.Client, cluster, bytes.Length);
        var held = hold.Hold(MediaKeys.Source(videoId));

        var patch = user.Client.SendAsync(Patch(upload, 0, bytes));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        await DeleteAsync(user.Client, videoId);
        // The video ends its upload one-way: the race is taken once the upload's staged bytes are gone with it.
        Assert.True(await Eventually.WaitAsync(() => NothingStagedAsync(upload), TimeSpan.FromSeconds(30)), "the upload's staged bytes outlived its video by 30 s");
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

    private async Task<bool> NothingStagedAsync(Uri upload)
    {
        var store = new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System);
        await foreach (var _ in store.ListAsync(MediaKeys.UploadPrefix(upload.OriginalString.Split('/')[^1])))
        {
            return false;
        }

        return true;
    }

    private static async Task DeleteAsync(HttpClient client, string videoId)
    {
        using var deleted = await client.DeleteAsync(new Uri($"/api/videos/{videoId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    /// <summary>Holds the Api's write or move to one key until released (the write itself then goes to the store).</summary>
    public class SourceGate : ObjectStoreProxy
    {
        private Held? held;

        public Held Hold(string key) => held = new Held(key);

        protected override object? Intercept(MethodInfo method, object?[] args)
        {
            return (method.Name, held) switch
            {
                (nameof(IObjectStore.PutAsync), { } h) when (string)args[0]! == h.Key => WriteAfterReleaseAsync(h, args),
                (nameof(IAppendableObjectStore.MoveAsync), { } h) when (string)args[1]! == h.Key => MoveAfterReleaseAsync(h, args),
                _ => null,
            };
        }

        private async Task<ObjectInfo> WriteAfterReleaseAsync(Held h, object?[] args)
        {
            h.Arrive();
            await h.Released;
            return await Inner.PutAsync((string)args[0]!, (Stream)args[1]!, (string?)args[2], (CancellationToken)args[3]!);
        }

        private async Task<ObjectInfo> MoveAfterReleaseAsync(Held h, object?[] args)
        {
            h.Arrive();
            await h.Released;
            return await ((IAppendableObjectStore)Inner).MoveAsync((string)args[0]!, (string)args[1]!, (string?)args[2], (CancellationToken)args[3]!);
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
