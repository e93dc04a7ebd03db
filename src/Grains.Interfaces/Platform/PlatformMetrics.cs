using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace VideoPlatform.Grains.Platform;

/// <summary>
/// The platform's own instruments beyond the transcode worker's (<c>TranscodeMetrics</c>: running, outcomes, duration,
/// realtime factor) and the queue's depth
/// (<c>TranscodeQueueGauge</c>): one singleton per host, each host filling the instruments of the work it does
/// (uploads on the Api, queue wait and viewers on the general silos, live sessions and lag on the media silos).
/// </summary>
public sealed class PlatformMetrics : IDisposable
{
    private readonly Meter meter;
    // An estimate not refreshed by a playlist fetch within this long is stale: its viewers have left.
    private static readonly TimeSpan ViewerFreshness = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, (int Estimate, long At)> viewers = new(StringComparer.Ordinal);
    private readonly UpDownCounter<long> uploadsActive;
    private int liveSessions;

    /// <param name="meters">The host's meter factory (a test's own, to tell its instruments from other hosts' in the process).</param>
    public PlatformMetrics(IMeterFactory? meters = null)
    {
        meter = meters?.Create(MetricNames.Meter) ?? new Meter(MetricNames.Meter);
        UploadBytes = meter.CreateCounter<long>(MetricNames.UploadBytes, unit: "By", description: "Upload body bytes stored (tus PATCH and PUT)");
        uploadsActive = meter.CreateUpDownCounter<long>(MetricNames.UploadsActive, description: "Upload bodies being received right now");
        QueueWait = meter.CreateHistogram<double>(MetricNames.TranscodeQueueWait, unit: "s", description: "Time from enqueue to a worker's claim of a job's first attempt");
        StreamLag = meter.CreateHistogram<double>(MetricNames.LiveStreamLag, unit: "s", description: "Time from FFmpeg finishing a live segment to its playlist being in the store");
        meter.CreateObservableUpDownCounter(MetricNames.LiveSessions, () => Volatile.Read(ref liveSessions), description: "Live sessions ingesting on this media silo");
        meter.CreateObservableGauge(MetricNames.LiveViewers, ObserveViewers, description: "Estimated live viewers of the sessions held on this silo");
    }

    public Counter<long> UploadBytes { get; }

    public Histogram<double> QueueWait { get; }

    public Histogram<double> StreamLag { get; }

    /// <summary>Counts an upload body as active until the returned handle is disposed.</summary>
    public IDisposable UploadStarted()
    {
        uploadsActive.Add(1);
        return new Ending(() => uploadsActive.Add(-1));
    }

    /// <summary>Counts a live session on this media silo until the returned handle is disposed.</summary>
    public IDisposable LiveSessionStarted()
    {
        Interlocked.Increment(ref liveSessions);
        return new Ending(() => Interlocked.Decrement(ref liveSessions));
    }

    /// <summary>The latest viewer estimate of one live session; 0 forgets it.</summary>
    public void SetViewers(string sessionId, int estimate)
    {
        if (estimate > 0)
        {
            viewers[sessionId] = (estimate, Environment.TickCount64);
        }
        else
        {
            viewers.TryRemove(sessionId, out _);
        }
    }

    public void Dispose() => meter.Dispose();

    private int ObserveViewers()
    {
        var now = Environment.TickCount64;
        var total = 0;
        foreach (var (session, (estimate, at)) in viewers)
        {
            if (now - at > ViewerFreshness.TotalMilliseconds)
            {
                viewers.TryRemove(session, out _);
            }
            else
            {
                total += estimate;
            }
        }

        return total;
    }

    private sealed class Ending(Action end) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                end();
            }
        }
    }
}
