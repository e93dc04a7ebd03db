namespace VideoPlatform.Grains.Search;

public enum SearchSort { Relevance, Newest, Views }

/// <summary>Duration buckets: short under 4 minutes, medium 4 to 20, long over 20.</summary>
public enum SearchDuration { Short, Medium, Long }

/// <summary>A validated search (see <see cref="SearchText"/> for how the text becomes words).</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.SearchQuery")]
public sealed record SearchQuery
{
    public const int MaxLimit = 50;

    [Id(0)] public string Text { get; init; } = "";
    /// <summary>Every one of these tags, as stored (the values facets show).</summary>
    [Id(1)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(2)] public string? OwnerId { get; init; }
    [Id(3)] public SearchDuration? Duration { get; init; }
    [Id(4)] public DateTimeOffset? PublishedAfter { get; init; }
    [Id(5)] public SearchSort Sort { get; init; }
    /// <summary>A decoded cursor of a previous page of the same search.</summary>
    [Id(6)] public SearchCursor? After { get; init; }
    [Id(7)] public int Limit { get; init; } = 20;

    public static (double? Min, double? Max) Seconds(SearchDuration duration) => duration switch
    {
        SearchDuration.Short => (null, 240),
        SearchDuration.Medium => (240, 1200),
        _ => (1200, null),
    };
}

/// <summary>One result: the video's id and its highlighted fields (HTML whose only markup is &lt;mark&gt;).</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.SearchHit")]
public sealed record SearchHit(
    [property: Id(0)] string VideoId,
    [property: Id(1)] string? TitleHighlight,
    [property: Id(2)] string? DescriptionHighlight);

[GenerateSerializer, Immutable, Alias("VideoPlatform.TagCount")]
public sealed record TagCount([property: Id(0)] string Tag, [property: Id(1)] long Count);

/// <summary>
/// One page of a search. <see cref="TotalAtLeast"/>: more match than the provider counted, so <see cref="Total"/> is a
/// lower bound (PostgreSQL counts no further than the candidates it ranks).
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.SearchPage")]
public sealed record SearchPage(
    [property: Id(0)] IReadOnlyList<SearchHit> Items,
    [property: Id(1)] IReadOnlyList<TagCount> Facets,
    [property: Id(2)] SearchCursor? Next,
    [property: Id(3)] long? Total,
    [property: Id(4)] bool TotalAtLeast = false)
{
    public const int FacetCount = 10;

    public static readonly SearchPage Empty = new([], [], null, 0);
}
