namespace VideoPlatform.Grains.Analytics;

public enum TrendingWindow { Day, Week }

/// <summary>
/// Decayed view scores of every video that had views (key "all"), fed by the stats grains as they flush.
/// A score loses half its weight per half-life, so a view today outweighs one last week.
/// </summary>
[Alias("VideoPlatform.ITrendingGrain")]
public interface ITrendingGrain : IGrainWithStringKey
{
    /// <summary>The one activation's key.</summary>
    const string Key = "all";

    [Alias("AddViews"), OneWay]
    Task AddViews(string videoId, long views, DateTimeOffset at);

    /// <summary>Video ids by descending score, from <paramref name="offset"/>.</summary>
    [Alias("Top"), ReadOnly]
    Task<IReadOnlyList<string>> Top(TrendingWindow window, int offset, int count);
}
