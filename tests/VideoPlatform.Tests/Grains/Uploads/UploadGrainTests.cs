using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Uploads;

/// <summary>
/// The upload grain on the shared cluster: creation, termination and expiry here; patches under a lease and
/// completion in UploadGrainPatchTests and UploadGrainCompletionTests.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadGrainTests(PlatformClusterFixture Cluster) : UploadGrainTest(Cluster)
{
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
        var store = new FileSystemObjectStore(Cluster.StorageRoot, TimeProvider.System);
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
}
