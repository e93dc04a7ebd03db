namespace VideoPlatform.Grains.Platform;

/// <summary>
/// Every instrument of the platform's <c>VideoPlatform</c> meter, and the framework instruments the Grafana dashboard
/// (k8s/grafana-dashboard.json) reads. Prometheus spells a name with underscores, its unit (<c>_seconds</c>,
/// <c>_bytes</c>) and <c>_total</c> for counters: <c>vp.transcode.queue_depth</c> is <c>vp_transcode_queue_depth</c>.
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

    /// <summary>ASP.NET Core's request duration (meter <c>Microsoft.AspNetCore.Hosting</c>).</summary>
    public const string HttpRequestDuration = "http.server.request.duration";

    /// <summary>Orleans' own instruments the dashboard shows (meter <c>Microsoft.Orleans</c>).</summary>
    public static readonly IReadOnlyList<string> Orleans = ["orleans-grains", "orleans-app-requests-latency", "orleans-catalog-activations"];
}
