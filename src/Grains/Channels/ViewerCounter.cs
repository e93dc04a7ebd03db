namespace VideoPlatform.Grains.Channels;

/// <summary>
/// Approximate viewers from media playlist fetches: a live player refreshes its playlist about once per
/// segment duration, so fetches in the last window ÷ (window ÷ segment) ≈ players. Per-second buckets, no identities.
/// </summary>
public sealed class ViewerCounter(TimeSpan window)
{
    private readonly Dictionary<long, int> buckets = [];

    public void Count(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        buckets[second] = buckets.GetValueOrDefault(second) + 1;
        if (buckets.Count > window.TotalSeconds * 2)
        {
            Prune(second);
        }
    }

    public int Estimate(DateTimeOffset now, TimeSpan segment)
    {
        var second = now.ToUnixTimeSeconds();
        var from = second - (long)window.TotalSeconds;
        var fetches = buckets.Where(b => b.Key > from && b.Key <= second).Sum(b => b.Value);
        var refreshesPerViewer = Math.Max(1, window.TotalSeconds / segment.TotalSeconds);
        return (int)Math.Ceiling(fetches / refreshesPerViewer);
    }

    private void Prune(long second)
    {
        foreach (var key in buckets.Keys.Where(k => k <= second - (long)window.TotalSeconds).ToList())
        {
            buckets.Remove(key);
        }
    }
}
