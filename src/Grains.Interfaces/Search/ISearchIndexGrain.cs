namespace VideoPlatform.Grains.Search;

/// <summary>The search index kept in one grain's memory, for running without PostgreSQL (development, tests).</summary>
[Alias("VideoPlatform.ISearchIndexGrain")]
public interface ISearchIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(IReadOnlyList<SearchDocument> documents);

    [Alias("Remove")]
    Task Remove(string videoId, long version);

    [Alias("SetViews")]
    Task SetViews(string videoId, long views);

    [Alias("Search"), ReadOnly]
    Task<SearchPage> Search(SearchQuery query);

    [Alias("Suggest"), ReadOnly]
    Task<IReadOnlyList<string>> Suggest(string text, int limit);
}

/// <summary>Keeps one video's search document current from its <c>video</c> stream (implicit subscription).</summary>
[Alias("VideoPlatform.ISearchProjectionGrain")]
public interface ISearchProjectionGrain : IGrainWithStringKey
{
    /// <summary>The video's view count changed (reported by its stats).</summary>
    [Alias("ViewsChanged"), OneWay]
    Task ViewsChanged(long views);
}
