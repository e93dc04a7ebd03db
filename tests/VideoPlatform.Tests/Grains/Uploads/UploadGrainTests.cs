using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Uploads;

/// <summary>
/// The upload grain on the shared cluster: creation, termination and expiry here; patches under a lease and
/// completion in the UploadGrainTests.*.cs files beside this one.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class UploadGrainTests(PlatformClusterFixture cluster)
{
    // A field, because a primary constructor's parameters are not in scope in the other partial declarations.
    private readonly PlatformClusterFixture cluster = cluster;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Create_UnknownVideo_ThrowsVideoNotFound()
    {
        var grain = NewUpload();

        await Assert.ThrowsAsync<VideoNotFoundException>(() => grain.Create(Command("nosuchvideo3", 10)));
        Assert.Null(await grain.Get());
    }

    [Fact]
    public async Task Terminate_Active_FreesStagedBytesAndRefusesPatches()
    {
        var (grain, _) = await CreateAsync(100);
        var uploadId = grain.GetPrimaryKeyString();
        var store = new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System);
        await store.PutAsync(MediaKeys.UploadData(uploadId), new MemoryStream(new byte[30]));
        await store.PutAsync(MediaKeys.UploadTail(uploadId, Guid.NewGuid()), new MemoryStream(new byte[5]));

        var before = await grain.Terminate();
        var patch = await grain.BeginPatch(0, 1, Lease);

        Assert.Equal(UploadStatus.Active, before);
        Assert.Equal(UploadStatus.Terminated, (await grain.Get())!.Status);
        Assert.Equal(PatchOutcome.Gone, patch.Outcome);
        await foreach (var leftover in store.ListAsync(MediaKeys.UploadPrefix(uploadId)))
        {
            Assert.Fail($"{leftover.Key} was not freed");
        }
    }

    [Fact]
    public async Task Reminder_UntouchedUploadPastExpiry_FailsVideoWithUploadExpired()
    {
        var videoId = await NewVideoAsync();
        var grain = NewUpload();
        await grain.Create(Command(videoId, 100) with { Expiration = TimeSpan.FromSeconds(1) });

        // Nobody calls the upload again: only its reminder can notice the expiry.
        var video = await WaitForAsync(videoId, v => v.Status == VideoStatus.Failed, TimeSpan.FromSeconds(20));

        Assert.Equal("upload_expired", video.Failure!.Code);
        Assert.Equal(UploadStatus.Expired, (await grain.Get())!.Status);
    }

    private IUploadGrain NewUpload() => cluster.Client.GetGrain<IUploadGrain>(Guid.NewGuid().ToString("N")[..22]);

    /// <summary>Ends the activation; the next call loads the grain from its persisted state.</summary>
    private async Task DeactivateAsync(IUploadGrain grain)
    {
        var before = await grain.Get();
        await Reactivation.DeactivateAsync(cluster.Client, grain);
        Assert.Equal(before!.Offset, (await grain.Get())!.Offset);
    }

    private static CreateUpload Command(string videoId, long length) =>
        new() { VideoId = videoId, Length = length, Expiration = TimeSpan.FromHours(1), FileName = "a.mp4" };

    private async Task<string> NewVideoAsync()
    {
        var videoId = Guid.NewGuid().ToString("N")[..12];
        await cluster.Client.GetGrain<IVideoGrain>(videoId).Create(new CreateVideo { Title = "t" });
        return videoId;
    }

    private async Task<(IUploadGrain Grain, string VideoId)> CreateAsync(long length)
    {
        var videoId = await NewVideoAsync();
        var grain = NewUpload();
        await grain.Create(Command(videoId, length));
        return (grain, videoId);
    }

    /// <summary>The video once <paramref name="condition"/> holds for it (30 s unless told otherwise).</summary>
    private async Task<VideoDetails> WaitForAsync(string videoId, Func<VideoDetails, bool> condition, TimeSpan? timeout = null)
    {
        VideoDetails? video = null;
        var reached = await Eventually.WaitAsync(async () =>
        {
            video = await cluster.Client.GetGrain<IVideoGrain>(videoId).Get();
            return video is not null && condition(video);
        }, timeout ?? TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.True(reached, $"video {videoId} is {video?.Status} at {video?.Progress}%");
        return video!;
    }
}
