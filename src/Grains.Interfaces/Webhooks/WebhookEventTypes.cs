namespace VideoPlatform.Grains.Webhooks;

/// <summary>The event types an endpoint can subscribe to, as they appear in <c>events</c> and in each delivery's <c>type</c>.</summary>
public static class WebhookEventTypes
{
    public const string VideoReady = "video.ready";
    public const string VideoFailed = "video.failed";
    public const string VideoDeleted = "video.deleted";
    public const string UploadCompleted = "upload.completed";
    public const string LiveStarted = "live.started";
    public const string LiveEnded = "live.ended";

    public static readonly IReadOnlyList<string> All = [VideoReady, VideoFailed, VideoDeleted, UploadCompleted, LiveStarted, LiveEnded];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
