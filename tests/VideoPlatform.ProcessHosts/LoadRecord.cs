using System.Diagnostics;

namespace VideoPlatform.ProcessHosts;

/// <summary>Every request a load made: when (since the load began), what, and whether the Api answered it well.</summary>
public sealed class LoadRecord
{
    private readonly List<Request> requests = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public readonly record struct Request(TimeSpan At, string What, bool Ok, string Outcome);

    public TimeSpan Now => clock.Elapsed;

    public void Add(string what, bool ok, string outcome)
    {
        lock (requests)
        {
            requests.Add(new Request(clock.Elapsed, what, ok, outcome));
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

    /// <summary>From a fault to the last failed request after it that preceded a success (zero when nothing failed).</summary>
    public TimeSpan RecoveryAfter(TimeSpan fault, TimeSpan? until = null)
    {
        var after = Snapshot().Where(r => r.At >= fault && (until is null || r.At < until)).ToList();
        var lastFailure = after.LastOrDefault(r => !r.Ok);
        return lastFailure == default ? TimeSpan.Zero : lastFailure.At - fault;
    }

    /// <summary>Whether the last <paramref name="window"/> of requests (at least one) all succeeded.</summary>
    public bool HealthyFor(TimeSpan window)
    {
        var from = clock.Elapsed - window;
        var recent = Snapshot().Where(r => r.At >= from).ToList();
        return recent.Count > 0 && recent.All(r => r.Ok);
    }

    /// <summary>The commonest failures, for a message.</summary>
    public string FailureSummary() => string.Join("; ", Snapshot().Where(r => !r.Ok)
        .GroupBy(r => $"{r.What} {r.Outcome}").OrderByDescending(g => g.Count()).Take(6).Select(g => $"{g.Key} ×{g.Count()}"));
}
