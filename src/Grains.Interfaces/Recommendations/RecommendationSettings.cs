namespace VideoPlatform.Grains.Recommendations;

/// <summary>Bound from <c>VideoPlatform:Recommendations</c>: every cache of the recommender has its bound here.</summary>
public sealed class RecommendationSettings
{
    public const string Section = "VideoPlatform:Recommendations";

    /// <summary>Co-watch neighbours kept per video (the strongest; the weakest leaves first).</summary>
    public int MaxEdgesPerVideo { get; set; } = 200;

    /// <summary>Distinct terms in the TF-IDF vocabulary; a new term beyond it is ignored until a rarely used one leaves.</summary>
    public int MaxVocabulary { get; set; } = 50_000;

    /// <summary>Terms kept per video (its most frequent ones).</summary>
    public int MaxTermsPerVideo { get; set; } = 64;

    /// <summary>Videos held in the content index; beyond it the oldest leave.</summary>
    public int MaxDocuments { get; set; } = 200_000;

    /// <summary>Videos remembered per viewer (for co-watch pairs and the home feed).</summary>
    public int HistoryLength { get; set; } = 50;

    /// <summary>B counts as watched after A when it started within this time of A.</summary>
    public TimeSpan CoWatchWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A co-watch weight halves over this time, so recent habits outweigh old ones.</summary>
    public TimeSpan EdgeHalfLife { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Items kept in a video's cached related list (the most any request gets).</summary>
    public int RelatedListSize { get; set; } = 50;

    /// <summary>How long a related list's content and popularity parts are reused before they are asked again.</summary>
    public TimeSpan RelatedRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Length of the cached trending and fresh lists the home feed and cold starts draw from.</summary>
    public int HotListSize { get; set; } = 200;

    /// <summary>How often the trending part of the hot lists is asked again.</summary>
    public TimeSpan HotListRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The values kept within their allowed ranges, so a bad setting cannot unbound a cache.</summary>
    public RecommendationSettings Bounded() => new()
    {
        MaxEdgesPerVideo = Math.Clamp(MaxEdgesPerVideo, 1, 10_000),
        MaxVocabulary = Math.Clamp(MaxVocabulary, 100, 1_000_000),
        MaxTermsPerVideo = Math.Clamp(MaxTermsPerVideo, 1, 1_000),
        MaxDocuments = Math.Clamp(MaxDocuments, 100, 5_000_000),
        HistoryLength = Math.Clamp(HistoryLength, 2, 1_000),
        CoWatchWindow = Clamp(CoWatchWindow, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)),
        EdgeHalfLife = Clamp(EdgeHalfLife, TimeSpan.FromHours(1), TimeSpan.FromDays(365)),
        RelatedListSize = Math.Clamp(RelatedListSize, 1, 200),
        RelatedRefresh = Clamp(RelatedRefresh, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
        HotListSize = Math.Clamp(HotListSize, 10, 1_000),
        HotListRefresh = Clamp(HotListRefresh, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
    };

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
