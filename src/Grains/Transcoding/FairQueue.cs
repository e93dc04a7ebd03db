namespace VideoPlatform.Grains.Transcoding;

/// <summary>
/// The waiting line as owners taking turns: each pop serves the next owner in the ring who has a runnable job and fewer
/// than <c>perOwner</c> jobs running, oldest of that owner's jobs first, and sends that owner to the back of the ring.
/// One owner's 500 uploads therefore delay another owner's first job by at most one job per other owner; and no owner
/// holds more than <c>perOwner</c> slots while the rest wait their turn. Pure (the caller gives the time); not thread-safe.
/// </summary>
public sealed class FairQueue(int perOwner)
{
    private readonly Dictionary<string, OwnerLine> lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> ownerOf = new(StringComparer.Ordinal);
    private readonly List<string> ring = [];

    public int Waiting { get; private set; }

    public int Running => lines.Values.Sum(l => l.Running.Count);

    /// <summary>Adds the job, or moves it earlier; a job already waiting from an earlier time or running is left alone.</summary>
    /// <returns>True when the line changed.</returns>
    public bool Push(QueuedJob job)
    {
        var line = Line(job.Owner ?? string.Empty);
        // Only a waiting job is pushed: a running entry for it is stale (its release was lost with a silo or the
        // database), and keeping it would hold the owner's slot and keep the job out of the line for good.
        line.Running.Remove(job.JobId);

        var at = line.Waiting.FindIndex(w => w.JobId == job.JobId);
        if (at >= 0)
        {
            if (line.Waiting[at].NotBefore <= job.NotBefore)
            {
                return false;
            }

            line.Waiting.RemoveAt(at);
            Waiting--;
        }

        // Ordered by first arrival, so jobs re-told after the queue lost its memory keep their places.
        var place = line.Waiting.FindIndex(w => w.QueuedAt > job.QueuedAt);
        line.Waiting.Insert(place < 0 ? line.Waiting.Count : place, job);
        ownerOf[job.JobId] = job.Owner ?? string.Empty;
        Waiting++;
        return true;
    }

    /// <summary>The next owner's oldest runnable job, now counted as running on <paramref name="workerId"/>; null when none may run.</summary>
    public string? Pop(DateTimeOffset now, string workerId)
    {
        foreach (var owner in ring)
        {
            var line = lines[owner];
            var next = line.Running.Count < perOwner ? line.Waiting.FindIndex(w => w.NotBefore <= now) : -1;
            if (next < 0)
            {
                continue;
            }

            var job = line.Waiting[next];
            line.Waiting.RemoveAt(next);
            Waiting--;
            line.Running[job.JobId] = workerId;
            ring.Remove(owner);
            ring.Add(owner);
            return job.JobId;
        }

        return null;
    }

    /// <summary>When the next job may be popped: now, a backoff's end, or null (nothing waits, or every owner with work is at its cap).</summary>
    public DateTimeOffset? NextRunnable() => lines.Values
        .Where(l => l.Running.Count < perOwner && l.Waiting.Count > 0)
        .Select(l => (DateTimeOffset?)l.Waiting.Min(w => w.NotBefore))
        .Min();

    /// <returns>True when the job was waiting.</returns>
    public bool Remove(string jobId)
    {
        if (!ownerOf.TryGetValue(jobId, out var owner) || lines[owner].Waiting.RemoveAll(w => w.JobId == jobId) == 0)
        {
            return false;
        }

        Waiting--;
        Forget(jobId, owner);
        return true;
    }

    /// <summary>Records who runs the job, or (worker null) that it no longer runs.</summary>
    /// <returns>True when a slot was freed or taken.</returns>
    public bool SetRunning(string jobId, string? owner, string? workerId)
    {
        owner = ownerOf.GetValueOrDefault(jobId) ?? owner ?? string.Empty;
        var line = Line(owner);
        if (workerId is null)
        {
            var freed = line.Running.Remove(jobId);
            Forget(jobId, owner);
            return freed;
        }

        if (line.Waiting.RemoveAll(w => w.JobId == jobId) > 0)
        {
            Waiting--;
        }

        var taken = !line.Running.ContainsKey(jobId);
        line.Running[jobId] = workerId;
        ownerOf[jobId] = owner;
        return taken;
    }

    /// <summary>Waiting jobs in the order the owners' turns would serve them (backoff aside), and who runs what.</summary>
    public TranscodeQueueStats Stats()
    {
        var waiting = ring.Select(o => new Queue<QueuedJob>(lines[o].Waiting)).ToList();
        var order = new List<string>(Waiting);
        while (waiting.Any(q => q.Count > 0))
        {
            order.AddRange(waiting.Where(q => q.Count > 0).Select(q => q.Dequeue().JobId));
        }

        var running = lines.Values.SelectMany(l => l.Running).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        return new TranscodeQueueStats(Waiting, running.Count, order, running);
    }

    private OwnerLine Line(string owner)
    {
        if (!lines.TryGetValue(owner, out var line))
        {
            lines[owner] = line = new OwnerLine();
            ring.Add(owner);
        }

        return line;
    }

    private void Forget(string jobId, string owner)
    {
        var line = lines[owner];
        if (!line.Running.ContainsKey(jobId) && !line.Waiting.Exists(w => w.JobId == jobId))
        {
            ownerOf.Remove(jobId);
        }

        if (line.Waiting.Count == 0 && line.Running.Count == 0)
        {
            lines.Remove(owner);
            ring.Remove(owner);
        }
    }

    private sealed class OwnerLine
    {
        public List<QueuedJob> Waiting { get; } = [];

        public Dictionary<string, string> Running { get; } = new(StringComparer.Ordinal);
    }
}
