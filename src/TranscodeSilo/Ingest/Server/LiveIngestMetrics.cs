using System.Diagnostics.Metrics;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>
/// What the publishers of this node make it hold, on the "VideoPlatform" meter: media bytes waiting for FFmpeg now
/// (and the most one session ever held, which the hostile-client test reads), and connections closed for a limit.
/// </summary>
public sealed class LiveIngestMetrics : IDisposable
{
    private readonly Meter meter = new("VideoPlatform");
    private readonly Counter<long> closed;
    private long queued;
    private long peak;
    private long limitClosures;

    public LiveIngestMetrics()
    {
        meter.CreateObservableGauge("vp.live.queued_bytes", () => Interlocked.Read(ref queued), unit: "By", description: "Media bytes received and not yet written to FFmpeg");
        closed = meter.CreateCounter<long>("vp.live.limit_closures", description: "RTMP connections closed for breaking a memory or protocol limit");
    }

    public long QueuedBytes => Interlocked.Read(ref queued);

    /// <summary>The most media bytes one session held at once since this node started.</summary>
    public long PeakSessionQueuedBytes => Interlocked.Read(ref peak);

    public long LimitClosures => Interlocked.Read(ref limitClosures);

    public void Queued(long bytes, long sessionTotal)
    {
        Interlocked.Add(ref queued, bytes);
        long seen;
        while (sessionTotal > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, sessionTotal, seen) != seen)
        {
        }
    }

    public void Released(long bytes) => Interlocked.Add(ref queued, -bytes);

    public void ClosedForLimit(string limit)
    {
        Interlocked.Increment(ref limitClosures);
        closed.Add(1, new KeyValuePair<string, object?>("limit", limit));
    }

    public void Dispose() => meter.Dispose();
}
