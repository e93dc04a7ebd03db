namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// Where co-watch edges and content documents are kept: PostgreSQL in production, memory when the platform runs
/// without it. Grains hold the hot copies; the store is read when a grain activates and written as they change.
/// </summary>
public interface IRecommendationStore
{
    /// <summary>Makes <paramref name="edges"/> the whole neighbour list of <paramref name="fromId"/> (idempotent).</summary>
    Task ReplaceEdgesAsync(string fromId, IReadOnlyList<CoWatchEdge> edges, CancellationToken cancellationToken = default);

    /// <summary>The strongest <paramref name="limit"/> edges out of <paramref name="fromId"/>.</summary>
    Task<IReadOnlyList<CoWatchEdge>> ReadEdgesAsync(string fromId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Videos with an edge to <paramref name="toId"/> (at most <paramref name="limit"/>): whose lists may hold it.</summary>
    Task<IReadOnlyList<string>> ReadSourcesAsync(string toId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stores the document unless a newer version is already there.</summary>
    Task UpsertDocumentAsync(ContentDocument document, CancellationToken cancellationToken = default);

    /// <summary>Forgets the video: its document and every edge from or to it.</summary>
    Task RemoveVideoAsync(string videoId, CancellationToken cancellationToken = default);

    /// <summary>Every stored document, newest first, at most <paramref name="limit"/>.</summary>
    IAsyncEnumerable<ContentDocument> ReadDocumentsAsync(int limit, CancellationToken cancellationToken = default);
}

/// <summary>Viewers watched <see cref="FromId"/> and then <see cref="ToId"/>: <see cref="Weight"/> as of <see cref="At"/>, decaying after.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.CoWatchEdge")]
public sealed record CoWatchEdge(
    [property: Id(0)] string FromId,
    [property: Id(1)] string ToId,
    [property: Id(2)] double Weight,
    [property: Id(3)] DateTimeOffset At);

/// <summary>
/// A public Ready video as the content index sees it: its terms (title, tags, description) with their counts. Counts,
/// not TF-IDF weights, are stored, because the weights change as the catalog's document frequencies do.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.ContentDocument")]
public sealed record ContentDocument
{
    [Id(0)] public required string VideoId { get; init; }
    [Id(1)] public string? OwnerId { get; init; }
    [Id(2)] public required IReadOnlyList<string> Terms { get; init; }
    [Id(3)] public required IReadOnlyList<int> Counts { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public long Version { get; init; }
}
