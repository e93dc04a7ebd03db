using System.Diagnostics.Metrics;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Transcoding;

/// <summary>
/// <c>vp.transcode.queue_depth</c>, reported by the one silo whose queue grain holds the line, from the grain's own
/// state on every change: exact even while every media slot is busy and no worker is looking at the queue. Other
/// silos report nothing, so a sum or max over the cluster's scrapes is the depth.
/// </summary>
public sealed class TranscodeQueueGauge : IDisposable
{
    private readonly Meter meter = new(MetricNames.Meter);
    private int depth = -1;

    public TranscodeQueueGauge()
    {
        meter.CreateObservableGauge(MetricNames.TranscodeQueueDepth, Observe, description: "Jobs waiting in the transcode queue (from the silo that hosts it)");
    }

    /// <summary>The depth this silo reports; null while the queue lives elsewhere.</summary>
    public int? Current => Volatile.Read(ref depth) is var d && d >= 0 ? d : null;

    public void Set(int waiting) => Volatile.Write(ref depth, Math.Max(waiting, 0));

    public void Clear() => Volatile.Write(ref depth, -1);

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<int>> Observe() =>
        Current is { } d ? [new Measurement<int>(d)] : [];
}
