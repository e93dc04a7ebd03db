using System.Diagnostics.Metrics;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>Running jobs, outcomes and durations on the "VideoPlatform" meter (the queue's depth: <c>TranscodeQueueGauge</c>).</summary>
public sealed class TranscodeMetrics : IDisposable
{
    private readonly Meter meter = new("VideoPlatform");
    private int running;

    public TranscodeMetrics()
    {
        meter.CreateObservableGauge("vp.transcode.running", () => Volatile.Read(ref running), description: "FFmpeg jobs running on this media silo");
        Outcomes = meter.CreateCounter<long>("vp.transcode.jobs", description: "Finished transcode attempts by outcome");
        Duration = meter.CreateHistogram<double>("vp.transcode.duration", unit: "s", description: "Wall time of a transcode attempt");
    }

    public Counter<long> Outcomes { get; }

    public Histogram<double> Duration { get; }

    public int Running => Volatile.Read(ref running);

    public void JobStarted() => Interlocked.Increment(ref running);

    public void JobEnded() => Interlocked.Decrement(ref running);

    public void Dispose() => meter.Dispose();
}
