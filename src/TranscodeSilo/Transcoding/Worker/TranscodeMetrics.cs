using System.Diagnostics.Metrics;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>Running jobs, outcomes, durations and the last queue depth seen, on the "VideoPlatform" meter.</summary>
public sealed class TranscodeMetrics : IDisposable
{
    private readonly Meter meter = new("VideoPlatform");
    private int running;
    private int queued;

    public TranscodeMetrics()
    {
        meter.CreateObservableGauge("vp.transcode.running", () => Volatile.Read(ref running), description: "FFmpeg jobs running on this media silo");
        meter.CreateObservableGauge("vp.transcode.queue_depth", () => Volatile.Read(ref queued), description: "Jobs waiting in the transcode queue");
        Outcomes = meter.CreateCounter<long>("vp.transcode.jobs", description: "Finished transcode attempts by outcome");
        Duration = meter.CreateHistogram<double>("vp.transcode.duration", unit: "s", description: "Wall time of a transcode attempt");
    }

    public Counter<long> Outcomes { get; }

    public Histogram<double> Duration { get; }

    public int Running => Volatile.Read(ref running);

    public void JobStarted() => Interlocked.Increment(ref running);

    public void JobEnded() => Interlocked.Decrement(ref running);

    public void QueueDepth(int depth) => Volatile.Write(ref queued, depth);

    public void Dispose() => meter.Dispose();
}
