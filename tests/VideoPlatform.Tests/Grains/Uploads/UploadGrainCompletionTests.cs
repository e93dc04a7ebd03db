using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Api.Uploads;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Uploads;

/// <summary>Completion: the last byte completes the upload and the video, and the video is told again after a crash.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadGrainCompletionTests(PlatformClusterFixture cluster) : UploadGrainTest(cluster)
{
    [Fact]
    public async Task CommitPatch_LastByte_CompletesUploadAndVideo()
    {
        var (grain, videoId) = await CreateAsync(10);
        var grant = await grain.BeginPatch(0, 10, Lease);

        var done = await grain.CommitPatch(grant.Token, new PatchCommit(10, UploadStorage.Empty, MediaKeys.Source(videoId)));
        var video = await Cluster.Client.GetGrain<IVideoGrain>(videoId).Get();

        Assert.Equal(UploadStatus.Completed, done!.Status);
        UploadAssertions.Completed(video);
        Assert.Equal(MediaKeys.Source(videoId), video.SourceKey);
    }

    [Fact]
    public async Task CommitPatch_LastByte_UnregistersTheExpiryReminderAfterAnswering()
    {
        var (grain, videoId) = await CreateAsync(10);
        var reminders = Cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        Assert.NotNull(await reminders.ReadRow(grain.GetGrainId(), "upload-expiry"));
        var grant = await grain.BeginPatch(0, 10, Lease);

        await grain.CommitPatch(grant.Token, new PatchCommit(10, UploadStorage.Empty, MediaKeys.Source(videoId)));

        Assert.True(await Eventually.WaitAsync(async () => await reminders.ReadRow(grain.GetGrainId(), "upload-expiry") is null, TimeSpan.FromSeconds(30)),
            "the expiry reminder outlived the upload's last byte");
    }

    [Fact]
    public async Task CompleteUpload_ToldAgainWithTheSameSource_IsANoOp()
    {
        var (grain, videoId) = await CreateAsync(10);
        var grant = await grain.BeginPatch(0, 10, Lease);
        await grain.CommitPatch(grant.Token, new PatchCommit(10, UploadStorage.Empty, MediaKeys.Source(videoId)));
        var video = Cluster.Client.GetGrain<IVideoGrain>(videoId);

        // What the upload grain's reminder does after a crash between its own write and the video's.
        var again = await video.CompleteUpload(new UploadedSource(MediaKeys.Source(videoId), 10, "clip.mp4", null));

        Assert.NotEqual(VideoStatus.Uploading, again.Status);
        Assert.Equal(MediaKeys.Source(videoId), again.SourceKey);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => video.CompleteUpload(new UploadedSource("sources/other", 10, "clip.mp4", null)));
    }

    [Fact]
    public async Task Reminder_CompletedUpload_TellsTheVideoAgainHarmlessly()
    {
        var (grain, videoId) = await CreateAsync(10);
        var grant = await grain.BeginPatch(0, 10, Lease);
        await grain.CommitPatch(grant.Token, new PatchCommit(10, UploadStorage.Empty, MediaKeys.Source(videoId)));

        await grain.Cast<IRemindable>().ReceiveReminder("upload-expiry", default);

        Assert.Equal(UploadStatus.Completed, (await grain.Get())!.Status);
        Assert.NotEqual(VideoStatus.Uploading, (await Cluster.Client.GetGrain<IVideoGrain>(videoId).Get())!.Status);
    }

    [Fact]
    public async Task Crash_BetweenTheCompletingWriteAndTellingTheVideo_ReminderTellsItFromPersistedState()
    {
        var (grain, videoId) = await CreateAsync(10);
        await Reactivation.DeactivateAsync(Cluster.Client, grain);
        // What a silo dying right after CommitPatch's state write leaves: the upload Completed with its source key,
        // the video never told (still Uploading).
        var storage = Cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");
        var stored = new GrainState<UploadState>();
        await storage.ReadStateAsync("upload", grain.GetGrainId(), stored);
        Assert.NotNull(stored.State);
        stored.State.Upload = stored.State.Upload! with { Offset = 10, Status = UploadStatus.Completed };
        stored.State.SourceKey = MediaKeys.Source(videoId);
        await storage.WriteStateAsync("upload", grain.GetGrainId(), stored);
        Assert.Equal(VideoStatus.Uploading, (await Cluster.Client.GetGrain<IVideoGrain>(videoId).Get())!.Status);

        await grain.Cast<IRemindable>().ReceiveReminder("upload-expiry", default);

        var told = (await Cluster.Client.GetGrain<IVideoGrain>(videoId).Get())!;
        Assert.NotEqual(VideoStatus.Uploading, told.Status);
        Assert.Equal(MediaKeys.Source(videoId), told.SourceKey);
    }
}
