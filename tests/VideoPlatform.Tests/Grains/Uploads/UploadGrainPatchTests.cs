using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Uploads;

/// <summary>Patches: one writer at a time under a lease, offsets checked, progress kept across reactivation.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadGrainPatchTests(PlatformClusterFixture cluster) : UploadGrainTest(cluster)
{
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
}
