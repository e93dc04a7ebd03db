namespace VideoPlatform.Grains.Platform;

/// <summary>
/// Every instrument of the platform's <c>VideoPlatform</c> meter. Prometheus spells a name with underscores, its unit
/// (<c>_seconds</c>, <c>_bytes</c>) and <c>_total</c> for counters: <c>vp.transcode.queue_depth</c> is
/// <c>vp_transcode_queue_depth</c>, <c>vp.transcode.duration</c> (seconds) <c>vp_transcode_duration_seconds_bucket</c>.
/// </summary>
public static class MetricNames
{
    public const string Meter = "VideoPlatform";

    public const string UploadBytes = "vp.uploads.bytes";
    public const string UploadsActive = "vp.uploads.active";
    public const string TranscodeJobs = "vp.transcode.jobs";
    public const string TranscodeRunning = "vp.transcode.running";
    public const string TranscodeDuration = "vp.transcode.duration";
    public const string TranscodeRealtimeFactor = "vp.transcode.realtime_factor";
    public const string TranscodeQueueDepth = "vp.transcode.queue_depth";
    public const string TranscodeQueueWait = "vp.transcode.queue_wait";
    public const string LiveSessions = "vp.live.sessions";
    public const string LiveViewers = "vp.live.viewers";
    public const string LiveStreamLag = "vp.live.stream_lag";

    public static readonly IReadOnlyList<string> Platform =
    [
        UploadBytes, UploadsActive, TranscodeJobs, TranscodeRunning, TranscodeDuration, TranscodeRealtimeFactor,
        TranscodeQueueDepth, TranscodeQueueWait, LiveSessions, LiveViewers, LiveStreamLag,
    ];
}
