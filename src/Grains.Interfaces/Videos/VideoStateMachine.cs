namespace VideoPlatform.Grains.Videos;

/// <summary>
/// The video lifecycle in one table:
/// Created → Uploading → Uploaded → Processing → Ready; Failed from Uploading/Processing; Deleted from anywhere, terminal.
/// </summary>
public static class VideoStateMachine
{
    private static readonly Dictionary<(VideoStatus From, VideoTrigger Trigger), VideoStatus> Transitions = new()
    {
        [(VideoStatus.Created, VideoTrigger.UploadStarted)] = VideoStatus.Uploading,
        [(VideoStatus.Created, VideoTrigger.UploadCompleted)] = VideoStatus.Uploaded,
        [(VideoStatus.Created, VideoTrigger.Deleted)] = VideoStatus.Deleted,
        [(VideoStatus.Created, VideoTrigger.RecordingImported)] = VideoStatus.Ready,

        [(VideoStatus.Uploading, VideoTrigger.UploadStarted)] = VideoStatus.Uploading,
        [(VideoStatus.Uploading, VideoTrigger.UploadCompleted)] = VideoStatus.Uploaded,
        [(VideoStatus.Uploading, VideoTrigger.UploadFailed)] = VideoStatus.Failed,
        [(VideoStatus.Uploading, VideoTrigger.Deleted)] = VideoStatus.Deleted,

        [(VideoStatus.Uploaded, VideoTrigger.ProcessingStarted)] = VideoStatus.Processing,
        [(VideoStatus.Uploaded, VideoTrigger.Deleted)] = VideoStatus.Deleted,

        // A retried job (worker lost, lease expired) starts again while the video is already processing.
        [(VideoStatus.Processing, VideoTrigger.ProcessingStarted)] = VideoStatus.Processing,
        [(VideoStatus.Processing, VideoTrigger.ProcessingCompleted)] = VideoStatus.Ready,
        [(VideoStatus.Processing, VideoTrigger.ProcessingFailed)] = VideoStatus.Failed,
        [(VideoStatus.Processing, VideoTrigger.Deleted)] = VideoStatus.Deleted,

        [(VideoStatus.Ready, VideoTrigger.Deleted)] = VideoStatus.Deleted,
        [(VideoStatus.Failed, VideoTrigger.Deleted)] = VideoStatus.Deleted,
    };

    public static bool CanFire(VideoStatus from, VideoTrigger trigger) => Transitions.ContainsKey((from, trigger));

    /// <summary>The status after <paramref name="trigger"/>; throws <see cref="IllegalTransitionException"/> when not allowed.</summary>
    public static VideoStatus Fire(VideoStatus from, VideoTrigger trigger) =>
        Transitions.TryGetValue((from, trigger), out var to) ? to : throw new IllegalTransitionException(from, trigger);

    /// <summary>Every allowed (from, trigger, to), for documentation and tests.</summary>
    public static IEnumerable<(VideoStatus From, VideoTrigger Trigger, VideoStatus To)> All =>
        Transitions.Select(t => (t.Key.From, t.Key.Trigger, t.Value));
}
