using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Webhooks;

/// <summary>Which platform events become webhooks, and their <c>data</c>: the whole mapping in one place.</summary>
public static class WebhookEventMapper
{
    /// <summary>Only transitions count: an edit of a Ready video (Ready → Ready) is not a second video.ready.</summary>
    public static string? TypeOf(VideoEvent e) => e.From == e.To ? null : e.To switch
    {
        VideoStatus.Ready => WebhookEventTypes.VideoReady,
        VideoStatus.Failed => WebhookEventTypes.VideoFailed,
        VideoStatus.Deleted => WebhookEventTypes.VideoDeleted,
        _ => null,
    };

    public static string? TypeOf(ChannelEvent e) => e.Kind switch
    {
        "live" => WebhookEventTypes.LiveStarted,
        "ended" => WebhookEventTypes.LiveEnded,
        _ => null,
    };

    public static string? TypeOf(UploadEvent e) =>
        e.To == UploadStatus.Completed && e.From != UploadStatus.Completed ? WebhookEventTypes.UploadCompleted : null;

    public static WebhookEvent Map(VideoEvent e, string type, VideoDetails? video) => new(e.EventId, type, e.At, WebhookPayload.Data(new
    {
        videoId = e.VideoId,
        status = e.To.ToString().ToLowerInvariant(),
        title = video?.Title,
        failure = e.To == VideoStatus.Failed && video?.Failure is { } failure ? new { code = failure.Code, message = failure.Message } : null,
    }));

    public static WebhookEvent Map(ChannelEvent e, string type) => new(e.EventId, type, e.At, WebhookPayload.Data(new
    {
        channelId = e.ChannelId,
        sessionId = e.SessionId,
        reason = e.Reason,
    }));

    public static WebhookEvent Map(UploadEvent e, string type) => new(e.EventId, type, e.At, WebhookPayload.Data(new
    {
        uploadId = e.UploadId,
        videoId = e.VideoId,
        length = e.Length,
    }));
}
