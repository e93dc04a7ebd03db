using System.Net;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>
/// Slows key guessing: an address with <c>limit</c> wrong keys inside <c>window</c> is refused without asking the
/// cluster until its oldest failure leaves the window. Thread-safe.
/// </summary>
public sealed class FailedKeyThrottle(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> failures = [];

    public bool IsBlocked(IPAddress address)
    {
        lock (failures)
        {
            return Recent(address, time.GetUtcNow()) is { } recent && recent.Count >= limit;
        }
    }

    public void Failed(IPAddress address)
    {
        lock (failures)
        {
            var now = time.GetUtcNow();
            var recent = Recent(address, now) ?? (failures[address] = new Queue<DateTimeOffset>());
            recent.Enqueue(now);
            if (failures.Count > 10_000)
            {
                // A flood of distinct addresses must not grow this without bound.
                foreach (var stale in failures.Where(f => Recent(f.Key, now) is null).Select(f => f.Key).ToList())
                {
                    failures.Remove(stale);
                }
            }
        }
    }

    private Queue<DateTimeOffset>? Recent(IPAddress address, DateTimeOffset now)
    {
        if (!failures.TryGetValue(address, out var queue))
        {
            return null;
        }

        while (queue.Count > 0 && now - queue.Peek() >= window)
        {
            queue.Dequeue();
        }

        if (queue.Count == 0)
        {
            failures.Remove(address);
            return null;
        }

        return queue;
    }
}
