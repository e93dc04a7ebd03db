using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Tests.Grains.Platform;

/// <summary>Each lifecycle table holds exactly the rows written here, and refuses every other (state, trigger) pair.</summary>
[Trait("Category", "Unit")]
public sealed class TransitionTableTests
{
    [Fact]
    public void Video_ExactlyTheDocumentedRows() => AssertExactly(VideoStateMachine.Table, "video",
    [
        (VideoStatus.Created, VideoTrigger.UploadStarted, VideoStatus.Uploading),
        (VideoStatus.Created, VideoTrigger.UploadCompleted, VideoStatus.Uploaded),
        (VideoStatus.Created, VideoTrigger.Deleted, VideoStatus.Deleted),
        (VideoStatus.Created, VideoTrigger.RecordingImported, VideoStatus.Ready),
        (VideoStatus.Uploading, VideoTrigger.UploadStarted, VideoStatus.Uploading),
        (VideoStatus.Uploading, VideoTrigger.UploadCompleted, VideoStatus.Uploaded),
        (VideoStatus.Uploading, VideoTrigger.UploadFailed, VideoStatus.Failed),
        (VideoStatus.Uploading, VideoTrigger.Deleted, VideoStatus.Deleted),
        (VideoStatus.Uploaded, VideoTrigger.ProcessingStarted, VideoStatus.Processing),
        (VideoStatus.Uploaded, VideoTrigger.Deleted, VideoStatus.Deleted),
        (VideoStatus.Processing, VideoTrigger.ProcessingStarted, VideoStatus.Processing),
        (VideoStatus.Processing, VideoTrigger.ProcessingCompleted, VideoStatus.Ready),
        (VideoStatus.Processing, VideoTrigger.ProcessingFailed, VideoStatus.Failed),
        (VideoStatus.Processing, VideoTrigger.Deleted, VideoStatus.Deleted),
        (VideoStatus.Ready, VideoTrigger.Deleted, VideoStatus.Deleted),
        (VideoStatus.Failed, VideoTrigger.Deleted, VideoStatus.Deleted),
    ]);

    [Fact]
    public void Upload_OnlyActiveMoves() => AssertExactly(UploadStateMachine.Table, "upload",
    [
        (UploadStatus.Active, UploadTrigger.LastByteLanded, UploadStatus.Completed),
        (UploadStatus.Active, UploadTrigger.Terminate, UploadStatus.Terminated),
        (UploadStatus.Active, UploadTrigger.Expire, UploadStatus.Expired),
    ]);

    [Fact]
    public void TranscodeJob_RetryWaitsInItsOwnState() => AssertExactly(TranscodeJobStateMachine.Table, "transcode job",
    [
        (TranscodeJobStatus.Queued, TranscodeJobTrigger.Start, TranscodeJobStatus.Running),
        (TranscodeJobStatus.Queued, TranscodeJobTrigger.Cancel, TranscodeJobStatus.Canceled),
        (TranscodeJobStatus.Running, TranscodeJobTrigger.Succeed, TranscodeJobStatus.Succeeded),
        (TranscodeJobStatus.Running, TranscodeJobTrigger.Retry, TranscodeJobStatus.Retrying),
        (TranscodeJobStatus.Running, TranscodeJobTrigger.Release, TranscodeJobStatus.Retrying),
        (TranscodeJobStatus.Running, TranscodeJobTrigger.GiveUp, TranscodeJobStatus.Failed),
        (TranscodeJobStatus.Running, TranscodeJobTrigger.Cancel, TranscodeJobStatus.Canceled),
        (TranscodeJobStatus.Retrying, TranscodeJobTrigger.Start, TranscodeJobStatus.Running),
        (TranscodeJobStatus.Retrying, TranscodeJobTrigger.Cancel, TranscodeJobStatus.Canceled),
    ]);

    [Fact]
    public void Channel_InterruptedIsItsOwnState() => AssertExactly(ChannelStateMachine.Table, "channel",
    [
        (ChannelStatus.Idle, ChannelTrigger.Publish, ChannelStatus.Live),
        (ChannelStatus.Idle, ChannelTrigger.Disable, ChannelStatus.Disabled),
        (ChannelStatus.Live, ChannelTrigger.Interrupt, ChannelStatus.Interrupted),
        (ChannelStatus.Live, ChannelTrigger.Resume, ChannelStatus.Live),
        (ChannelStatus.Live, ChannelTrigger.End, ChannelStatus.Idle),
        (ChannelStatus.Live, ChannelTrigger.Disable, ChannelStatus.Disabled),
        (ChannelStatus.Interrupted, ChannelTrigger.Resume, ChannelStatus.Live),
        (ChannelStatus.Interrupted, ChannelTrigger.End, ChannelStatus.Idle),
        (ChannelStatus.Interrupted, ChannelTrigger.Disable, ChannelStatus.Disabled),
        (ChannelStatus.Disabled, ChannelTrigger.Enable, ChannelStatus.Idle),
    ]);

    [Fact]
    public void LiveSession_EndedIsFinal() => AssertExactly(LiveSessionStateMachine.Table, "live session",
    [
        (LiveSessionStatus.Publishing, LiveSessionTrigger.Interrupt, LiveSessionStatus.Interrupted),
        (LiveSessionStatus.Publishing, LiveSessionTrigger.Resume, LiveSessionStatus.Publishing),
        (LiveSessionStatus.Publishing, LiveSessionTrigger.End, LiveSessionStatus.Ended),
        (LiveSessionStatus.Interrupted, LiveSessionTrigger.Resume, LiveSessionStatus.Publishing),
        (LiveSessionStatus.Interrupted, LiveSessionTrigger.End, LiveSessionStatus.Ended),
    ]);

    [Fact]
    public void IllegalTransition_MessageNamesLifecycleStateAndTrigger()
    {
        var error = Assert.Throws<IllegalTransitionException>(() => VideoStateMachine.Table.Fire(VideoStatus.Deleted, VideoTrigger.UploadStarted));

        Assert.Equal("A video that is deleted cannot take 'UploadStarted'", error.Message);
    }

    [Theory]
    [InlineData(UploadStatus.Active, false)]
    [InlineData(UploadStatus.Completed, false)]
    [InlineData(UploadStatus.Terminated, true)]
    [InlineData(UploadStatus.Expired, true)]
    public void Upload_IsGone_OnlyTerminatedAndExpired(UploadStatus status, bool gone) => Assert.Equal(gone, UploadStateMachine.IsGone(status));

    private static void AssertExactly<TState, TTrigger>(
        TransitionTable<TState, TTrigger> table, string lifecycle, (TState From, TTrigger Trigger, TState To)[] expected)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        Assert.Equal(lifecycle, table.Lifecycle);
        Assert.Equal(expected.Length, table.All.Count());
        foreach (var (from, trigger, to) in expected)
        {
            Assert.True(table.CanFire(from, trigger), $"{from} + {trigger}");
            Assert.Equal(to, table.Fire(from, trigger));
        }

        var allowed = expected.Select(r => (r.From, r.Trigger)).ToHashSet();
        foreach (var from in Enum.GetValues<TState>())
        {
            foreach (var trigger in Enum.GetValues<TTrigger>().Where(t => !allowed.Contains((from, t))))
            {
                Assert.False(table.CanFire(from, trigger), $"{from} + {trigger} must be refused");
                var error = Assert.Throws<IllegalTransitionException>(() => table.Fire(from, trigger));
                Assert.Equal((lifecycle, from.ToString(), trigger.ToString()), (error.Lifecycle, error.From, error.Trigger));
            }
        }
    }
}
