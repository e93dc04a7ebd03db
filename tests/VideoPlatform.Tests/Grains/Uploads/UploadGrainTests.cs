using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Api.Uploads;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Uploads;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadGrainTests(PlatformClusterFixture cluster)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Create_UnknownVideo_ThrowsVideoNotFound()
    {
        var grain = NewUpload();

        await Assert.ThrowsAsync<VideoNotFoundException>(() => grain.Create(Command("nosuchvideo3", 10)));
        Assert.Null(await grain.Get());
    }

    [Fact]
    public async Task BeginPatch_LeaseHeld_SecondIsLockedUntilCommit()
    {
        var (grain, _) = await CreateAsync(100);

        var first = await grain.BeginPatch(0, 50, Lease);
        var second = await grain.BeginPatch(0, 50, Lease);
        var after = await grain.CommitPatch(first.Token, new PatchCommit(50, UploadStorage.Empty, null));
        var third = await grain.BeginPatch(50, 50, Lease);

        Assert.Equal(PatchOutcome.Granted, first.Outcome);
        Assert.Equal(PatchOutcome.Locked, second.Outcome);
        Assert.Equal(50, after!.Offset);
        Assert.Equal(PatchOutcome.Granted, third.Outcome);
        Assert.NotEqual(first.Token, third.Token);
    }

    [Fact]
    public async Task CommitPatch_TinyPatches_NeverMoveTheExpirySetAtCreation()
    {
        var (grain, _) = await CreateAsync(100);
        var created = (await grain.Get())!.ExpiresAt;

        for (var offset = 0; offset < 3; offset++)
        {
            var grant = await grain.BeginPatch(offset, 1, Lease);
            await grain.CommitPatch(grant.Token, new PatchCommit(offset + 1, UploadStorage.Empty, null));
        }

        var after = await grain.Get();
        Assert.Equal(3, after!.Offset);
        Assert.Equal(created, after.ExpiresAt);
    }

    [Fact]
    public async Task BeginPatch_AbandonedLease_IsTakenOverAndOldTokenCannotCommit()
    {
        var (grain, _) = await CreateAsync(100);
        var abandoned = await grain.BeginPatch(0, null, TimeSpan.FromMilliseconds(200));

        // Locked until the short lease runs out; a new writer is granted once it has, however long the machine takes.
        var next = abandoned;
        var takenOver = await Eventually.WaitAsync(
            async () => (next = await grain.BeginPatch(0, null, Lease)).Outcome == PatchOutcome.Granted,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
        Assert.True(takenOver, $"the abandoned lease was not taken over: {next.Outcome}");
        var stale = await grain.CommitPatch(abandoned.Token, new PatchCommit(40, UploadStorage.Empty, null));
        var renewed = await grain.RenewLease(abandoned.Token, Lease);

        Assert.Equal(PatchOutcome.Granted, next.Outcome);
        Assert.Null(stale);
        Assert.False(renewed);
        Assert.Equal(0, (await grain.Get())!.Offset);
    }

    [Fact]
    public async Task BeginPatch_HeldLeaseAcrossReactivation_StaysLockedAndHolderCommits()
    {
        var (grain, _) = await CreateAsync(100);
        var held = await grain.BeginPatch(0, 60, Lease);

        await DeactivateAsync(grain);
        var intruder = await grain.BeginPatch(0, 60, Lease);
        var committed = await grain.CommitPatch(held.Token, new PatchCommit(60, UploadStorage.Empty, null));

        Assert.Equal(PatchOutcome.Locked, intruder.Outcome);
        Assert.Equal(60, committed!.Offset);
    }

    [Fact]
    public async Task CommitPatch_ThenReactivation_OffsetSurvivesAndNextPatchIsGranted()
    {
        var (grain, videoId) = await CreateAsync(100);
        var first = await grain.BeginPatch(0, 40, Lease);
        await grain.CommitPatch(first.Token, new PatchCommit(40, UploadStorage.Empty, null));
        var second = await grain.BeginPatch(40, 20, Lease);
        await grain.CommitPatch(second.Token, new PatchCommit(60, UploadStorage.Empty, null));

        await DeactivateAsync(grain);
        var next = await grain.BeginPatch(60, 40, Lease);

        Assert.Equal(60, (await grain.Get())!.Offset);
        Assert.Equal(PatchOutcome.Granted, next.Outcome);
        await WaitForAsync(videoId, v => v.Progress == 60);
    }

    [Fact]
    public async Task BeginPatch_WrongOffsetOrTooLong_IsRefusedWithoutLease()
    {
        var (grain, _) = await CreateAsync(100);

        var wrongOffset = await grain.BeginPatch(10, 5, Lease);
        var tooLong = await grain.BeginPatch(0, 101, Lease);
        var fine = await grain.BeginPatch(0, 100, Lease);

        Assert.Equal(PatchOutcome.OffsetMismatch, wrongOffset.Outcome);
        Assert.Equal(PatchOutcome.TooLarge, tooLong.Outcome);
        Assert.Equal(PatchOutcome.Granted, fine.Outcome);
    }

    [Fact]
    public async Task CommitPatch_Partial_ReportsProgressToVideo()
    {
        var (grain, videoId) = await CreateAsync(200);
        var grant = await grain.BeginPatch(0, 50, Lease);

        await grain.CommitPatch(grant.Token, new PatchCommit(50, UploadStorage.Empty, null));

        var video = await WaitForAsync(videoId, v => v.Progress == 25);
        Assert.Equal(VideoStatus.Uploading, video.Status);
    }

    [Fact]
    public async Task CommitPatch_LastByte_CompletesUploadAndVideo()
    {
        var (grain, videoId) = await CreateAsync(10);
        var grant = await grain.BeginPatch(0, 10, Lease);

        var done = await grain.CommitPatch(grant.Token, new PatchCommit(10, UploadStorage.Empty, MediaKeys.Source(videoId)));
        var video = await cluster.Client.GetGrain<IVideoGrain>(videoId).Get();

        Assert.Equal(UploadStatus.Completed, done!.Status);
        UploadAssertions.Completed(video);
        Assert.Equal(MediaKeys.Source(videoId), video.SourceKey);
    }

    [Fact]
    public async Task CommitPatch_LastByte_UnregistersTheExpiryReminderAfterAnswering()
    {
        var (grain, videoId) = await CreateAsync(10);
        var reminders = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        Assert.NotNull(await reminders.ReadRow(grain.GetGrainId(), "upload-expiry"));
        var grant = await grain.BeginPatch(0, 10, Lease);

        await grain.CommitPatch(grant.Token, new PatchCommit(10, UploadStorage.Empty, MediaKeys.Source(videoId)));

        var until = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (await reminders.ReadRow(grain.GetGrainId(), "upload-expiry") is not null && TimeProvider.System.GetUtcNow() < until)
        {
            await Task.Delay(20);
        }

        Assert.Null(await reminders.ReadRow(grain.GetGrainId(), "upload-expiry"));
    }

    [Fact]
    public async Task CompleteUpload_ToldAgainWithTheSameSource_IsANoOp()
    {
        var (grain, videoId) = await CreateAsync(10);
        var grant = await grain.BeginPatch(0, 10, Lease);
        await grain.CommitPatch(grant.Token, new PatchCommit(10, UploadStorage.Empty, MediaKeys.Source(videoId)));
        var video = cluster.Client.GetGrain<IVideoGrain>(videoId);

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
        Assert.NotEqual(VideoStatus.Uploading, (await cluster.Client.GetGrain<IVideoGrain>(videoId).Get())!.Status);
    }

    [Fact]
    public async Task Crash_BetweenTheCompletingWriteAndTellingTheVideo_ReminderTellsItFromPersistedState()
    {
        var (grain, videoId) = await CreateAsync(10);
        await Reactivation.DeactivateAsync(cluster.Client, grain);
        // What a silo dying right after CommitPatch's state write leaves: the upload Completed with its source key,
        // the video never told (still Uploading).
        var storage = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");
        var stored = new GrainState<UploadState>();
        await storage.ReadStateAsync("upload", grain.GetGrainId(), stored);
        Assert.NotNull(stored.State);
        stored.State.Upload = stored.State.Upload! with { Offset = 10, Status = UploadStatus.Completed };
        stored.State.SourceKey = MediaKeys.Source(videoId);
        await storage.WriteStateAsync("upload", grain.GetGrainId(), stored);
        Assert.Equal(VideoStatus.Uploading, (await cluster.Client.GetGrain<IVideoGrain>(videoId).Get())!.Status);

        await grain.Cast<IRemindable>().ReceiveReminder("upload-expiry", default);

        var told = (await cluster.Client.GetGrain<IVideoGrain>(videoId).Get())!;
        Assert.NotEqual(VideoStatus.Uploading, told.Status);
        Assert.Equal(MediaKeys.Source(videoId), told.SourceKey);
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

    private async Task<VideoDetails> WaitForAsync(string videoId, Func<VideoDetails, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var video = await cluster.Client.GetGrain<IVideoGrain>(videoId).Get();
            if (video is not null && condition(video))
            {
                return video;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"video {videoId} is {video?.Status} at {video?.Progress}%");
            await Task.Delay(100);
        }
    }
}
