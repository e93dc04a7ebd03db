namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// One video's co-watch neighbours with exponentially decayed weights, at most <c>max</c> of them. A weight is kept
/// with the time it was last brought up to date and decayed when read, so adding a pair costs O(1). Pure.
/// </summary>
public sealed class CoWatchEdges(int max, TimeSpan halfLife)
{
    private readonly Dictionary<string, (double Weight, DateTimeOffset At)> edges = new(StringComparer.Ordinal);

    public int Count => edges.Count;

    public void Add(string toId, double weight, DateTimeOffset at)
    {
        var current = edges.TryGetValue(toId, out var e) ? Decayed(e, at) : 0;
        edges[toId] = (current + weight, at > e.At ? at : e.At);
        if (edges.Count > max)
        {
            // The weakest tenth leaves at once, so a full list does not sort on every pair.
            foreach (var weak in Ranked(at).Skip(Math.Max(max * 9 / 10, 1)).Select(r => r.VideoId).ToList())
            {
                edges.Remove(weak);
            }
        }
    }

    public bool Remove(string toId) => edges.Remove(toId);

    /// <summary>Neighbours by decayed weight as of <paramref name="now"/>, strongest first.</summary>
    public IReadOnlyList<(string VideoId, double Weight)> Ranked(DateTimeOffset now) =>
        edges.Select(e => (e.Key, Decayed(e.Value, now))).OrderByDescending(e => e.Item2).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();

    public void Load(IEnumerable<CoWatchEdge> stored)
    {
        foreach (var e in stored.Take(max))
        {
            edges[e.ToId] = (e.Weight, e.At);
        }
    }

    public IReadOnlyList<CoWatchEdge> ToEdges(string fromId) => edges.Select(e => new CoWatchEdge(fromId, e.Key, e.Value.Weight, e.Value.At)).ToList();

    private double Decayed((double Weight, DateTimeOffset At) e, DateTimeOffset now) =>
        e.Weight * Math.Pow(0.5, Math.Max((now - e.At).TotalSeconds, 0) / halfLife.TotalSeconds);
}
