using System.Diagnostics.Metrics;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>Running jobs, outcomes and durations on the "VideoPlatform" meter (the queue's depth: <c>TranscodeQueueGauge</c>).</summary>
public sealed class TranscodeMetrics : IDisposable
{
    private readonly Meter meter = new(MetricNames.Meter);
    private int running;

    public TranscodeMetrics()
    {
        meter.CreateObservableGauge(MetricNames.TranscodeRunning, () => Volatile.Read(ref running), description: "FFmpeg jobs running on this media silo");
        Outcomes = meter.CreateCounter<long>(MetricNames.TranscodeJobs, description: "Finished transcode attempts by outcome");
        Duration = meter.CreateHistogram<double>(MetricNames.TranscodeDuration, unit: "s", description: "Wall time of a transcode attempt");
        RealtimeFactor = meter.CreateHistogram<double>(MetricNames.TranscodeRealtimeFactor, description: "Media seconds encoded per wall-clock second of a successful attempt (above 1 = faster than real time)");
    }

    public Counter<long> Outcomes { get; }

    public Histogram<double> Duration { get; }

    public Histogram<double> RealtimeFactor { get; }

    public int Running => Volatile.Read(ref running);

    public void JobStarted() => Interlocked.Increment(ref running);

    public void JobEnded() => Interlocked.Decrement(ref running);

    public void Dispose() => meter.Dispose();
}
