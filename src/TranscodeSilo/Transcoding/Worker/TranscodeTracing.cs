using System.Diagnostics;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>
/// The span of one transcode attempt. The worker takes jobs from the queue on its own loop, outside any request, so
/// the span's parent is the trace context the job grain kept from the call that enqueued it (the upload's request).
/// </summary>
public static class TranscodeTracing
{
    public const string JobSpan = "transcode";

    private static readonly ActivitySource Source = new(MetricNames.Meter);

    public static Activity? StartJob(TranscodeTicket ticket)
    {
        var parent = ActivityContext.TryParse(ticket.TraceParent, null, out var context) ? context : default;
        var span = Source.StartActivity(JobSpan, ActivityKind.Consumer, parent);
        span?.SetTag("vp.video_id", ticket.VideoId);
        span?.SetTag("vp.attempt", ticket.Attempt);
        return span;
    }
}
