using VideoPlatform.Grains.Search;

namespace VideoPlatform.Hosting.Search;

/// <summary>The search index through <see cref="ISearchIndexGrain"/>, when the platform runs without PostgreSQL.</summary>
public sealed class GrainSearchIndex(IGrainFactory grains) : ISearchIndex
{
    private ISearchIndexGrain Index => grains.GetGrain<ISearchIndexGrain>("all");

    public Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default) => Index.Upsert(documents);

    public Task RemoveAsync(string videoId, long version, CancellationToken cancellationToken = default) => Index.Remove(videoId, version);

    public Task SetViewsAsync(string videoId, long views, CancellationToken cancellationToken = default) => Index.SetViews(videoId, views);

    public Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => Index.Search(query);

    public Task<IReadOnlyList<string>> SuggestAsync(string text, int limit, CancellationToken cancellationToken = default) => Index.Suggest(text, limit);
}
