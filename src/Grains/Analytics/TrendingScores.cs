namespace VideoPlatform.Grains.Analytics;

/// <summary>
/// Exponentially decayed view counts per video for one time constant. A score is kept with the time it was last
/// brought up to date, and decayed to "now" when read, so adding views costs O(1) whatever the number of videos.
/// </summary>
[GenerateSerializer, Alias("VideoPlatform.TrendingScores")]
public sealed class TrendingScores
{
    public const int MaxVideos = 10_000;

    [Id(0)] public TimeSpan TimeConstant { get; set; }
    [Id(1)] public Dictionary<string, DecayedScore> Scores { get; set; } = [];

    public void Add(string videoId, long views, DateTimeOffset at)
    {
        var current = Scores.TryGetValue(videoId, out var score) ? score.ValueAt(at, TimeConstant) : 0;
        Scores[videoId] = new DecayedScore(current + views, at);
        if (Scores.Count > MaxVideos)
        {
            // The weakest tenth leaves: a video that gets views again comes back with them.
            foreach (var weak in Ranked(at).Skip(MaxVideos * 9 / 10).ToList())
            {
                Scores.Remove(weak);
            }
        }
    }

    public IEnumerable<string> Ranked(DateTimeOffset now) =>
        Scores.OrderByDescending(s => s.Value.ValueAt(now, TimeConstant)).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key);
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.DecayedScore")]
public sealed record DecayedScore([property: Id(0)] double Value, [property: Id(1)] DateTimeOffset At)
{
    public double ValueAt(DateTimeOffset now, TimeSpan timeConstant) =>
        Value * Math.Exp(-Math.Max((now - At).TotalSeconds, 0) / timeConstant.TotalSeconds);
}
