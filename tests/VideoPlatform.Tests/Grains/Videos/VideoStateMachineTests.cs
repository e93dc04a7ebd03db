using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Tests.Grains.Videos;

[Trait("Category", "Unit")]
public sealed class VideoStateMachineTests
{
    public static TheoryData<VideoStatus, VideoTrigger, VideoStatus> Allowed => new()
    {
        { VideoStatus.Created, VideoTrigger.UploadStarted, VideoStatus.Uploading },
        { VideoStatus.Created, VideoTrigger.UploadCompleted, VideoStatus.Uploaded },
        { VideoStatus.Created, VideoTrigger.Deleted, VideoStatus.Deleted },
        { VideoStatus.Created, VideoTrigger.RecordingImported, VideoStatus.Ready },
        { VideoStatus.Uploading, VideoTrigger.UploadStarted, VideoStatus.Uploading },
        { VideoStatus.Uploading, VideoTrigger.UploadCompleted, VideoStatus.Uploaded },
        { VideoStatus.Uploading, VideoTrigger.UploadFailed, VideoStatus.Failed },
        { VideoStatus.Uploading, VideoTrigger.Deleted, VideoStatus.Deleted },
        { VideoStatus.Uploaded, VideoTrigger.ProcessingStarted, VideoStatus.Processing },
        { VideoStatus.Uploaded, VideoTrigger.Deleted, VideoStatus.Deleted },
        { VideoStatus.Processing, VideoTrigger.ProcessingStarted, VideoStatus.Processing },
        { VideoStatus.Processing, VideoTrigger.ProcessingCompleted, VideoStatus.Ready },
        { VideoStatus.Processing, VideoTrigger.ProcessingFailed, VideoStatus.Failed },
        { VideoStatus.Processing, VideoTrigger.Deleted, VideoStatus.Deleted },
        { VideoStatus.Ready, VideoTrigger.Deleted, VideoStatus.Deleted },
        { VideoStatus.Failed, VideoTrigger.Deleted, VideoStatus.Deleted },
    };

    public static TheoryData<VideoStatus, VideoTrigger> Illegal()
    {
        var allowed = VideoStateMachine.All.Select(t => (t.From, t.Trigger)).ToHashSet();
        var data = new TheoryData<VideoStatus, VideoTrigger>();
        foreach (var status in Enum.GetValues<VideoStatus>())
        {
            foreach (var trigger in Enum.GetValues<VideoTrigger>().Where(t => !allowed.Contains((status, t))))
            {
                data.Add(status, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Fire_AllowedTransition_ReturnsNextStatus(VideoStatus from, VideoTrigger trigger, VideoStatus to)
    {
        Assert.True(VideoStateMachine.CanFire(from, trigger));
        Assert.Equal(to, VideoStateMachine.Fire(from, trigger));
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void Fire_IllegalTransition_ThrowsTypedError(VideoStatus from, VideoTrigger trigger)
    {
        Assert.False(VideoStateMachine.CanFire(from, trigger));
        var error = Assert.Throws<IllegalTransitionException>(() => VideoStateMachine.Fire(from, trigger));
        Assert.Equal(from, error.From);
        Assert.Equal(trigger, error.Trigger);
    }

    [Fact]
    public void Table_HasExactlyTheDocumentedTransitions()
    {
        Assert.Equal(Allowed.Count, VideoStateMachine.All.Count());
    }

    [Fact]
    public void Deleted_IsTerminal()
    {
        Assert.All(Enum.GetValues<VideoTrigger>(), t => Assert.False(VideoStateMachine.CanFire(VideoStatus.Deleted, t)));
    }
}
