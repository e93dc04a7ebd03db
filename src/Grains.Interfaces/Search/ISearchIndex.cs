namespace VideoPlatform.Grains.Search;

/// <summary>
/// The search index of public Ready videos, kept current by the search projection (a consumer of the <c>video</c>
/// stream). PostgreSQL full text by default, Meilisearch over its REST API, or a grain when there is no PostgreSQL.
/// Writes are idempotent and versioned: a write older than what the index holds for that video changes nothing.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Stores each document unless the index already holds a newer version of it.</summary>
    Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>Makes the video unsearchable as of <paramref name="version"/> (private, deleted, failed...).</summary>
    Task RemoveAsync(string videoId, long version, CancellationToken cancellationToken = default);

    /// <summary>The view count shown in the video JSON, for the <c>views</c> sort; never lowers it.</summary>
    Task SetViewsAsync(string videoId, long views, CancellationToken cancellationToken = default);

    Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> titles completing <paramref name="text"/>, best first.</summary>
    Task<IReadOnlyList<string>> SuggestAsync(string text, int limit, CancellationToken cancellationToken = default);
}
