using System.Diagnostics;

namespace VideoPlatform.ProcessHosts;

/// <summary>Every request a load made: when it was sent (since the load began), how long it took, what, and whether the Api answered it well.</summary>
public sealed class LoadRecord
{
    private readonly List<Request> requests = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public readonly record struct Request(TimeSpan At, TimeSpan Duration, string What, bool Ok, string Outcome)
    {
        public TimeSpan End => At + Duration;
    }

    public TimeSpan Now => clock.Elapsed;

    public void Add(TimeSpan sent, string what, bool ok, string outcome)
    {
        lock (requests)
        {
            requests.Add(new Request(sent, clock.Elapsed - sent, what, ok, outcome));
        }
    }

    public IReadOnlyList<Request> Snapshot()
    {
        lock (requests)
        {
            return [.. requests];
        }
    }

    public int Total => Snapshot().Count;

    public int Failed => Snapshot().Count(r => !r.Ok);

    public double ErrorRate => Total == 0 ? 0 : (double)Failed / Total;

    /// <summary>
    /// From a fault to the sending of the last request that failed after it: every request sent later succeeded (zero
    /// when nothing failed, or only requests sent before the fault that it cut short).
    /// </summary>
    public TimeSpan RecoveryAfter(TimeSpan fault)
    {
        var failures = Snapshot().Where(r => !r.Ok && r.End >= fault).ToList();
        return failures.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, failures.Max(r => r.At).Ticks - fault.Ticks));
    }

    /// <summary>The longest a failed request waited for its answer (a hang shows here, not in the recovery time).</summary>
    public TimeSpan LongestFailure => Snapshot().Where(r => !r.Ok).Select(r => r.Duration).DefaultIfEmpty().Max();

    /// <summary>Whether the last <paramref name="window"/> of requests (at least one) all succeeded.</summary>
    public bool HealthyFor(TimeSpan window)
    {
        var from = clock.Elapsed - window;
        var recent = Snapshot().Where(r => r.At >= from).ToList();
        return recent.Count > 0 && recent.All(r => r.Ok);
    }

    /// <summary>
    /// The failed requests that no fault explains: each window runs from a fault to when the Api was seen healthy again,
    /// and a request belongs to it when it was still waiting at the fault or was sent before the window closed.
    /// </summary>
    public IReadOnlyList<Request> FailuresOutside(IReadOnlyList<(TimeSpan Fault, TimeSpan Healthy)> windows) =>
        Snapshot().Where(r => !r.Ok && !windows.Any(w => r.End >= w.Fault && r.At <= w.Healthy)).ToList();

    /// <summary>The commonest failures, for a message.</summary>
    public string FailureSummary() => string.Join("; ", Snapshot().Where(r => !r.Ok)
        .GroupBy(r => $"{r.What} {r.Outcome}").OrderByDescending(g => g.Count()).Take(6).Select(g => $"{g.Key} ×{g.Count()}"));
}
