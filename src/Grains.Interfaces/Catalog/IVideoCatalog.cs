using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Catalog;

/// <summary>
/// The queryable read model of videos (lists, filters, paging). Video grains write through it on every
/// change; PostgreSQL backs it in production, a grain when the platform runs without PostgreSQL.
/// </summary>
public interface IVideoCatalog
{
    /// <summary>Stores the entry unless a newer version is already there.</summary>
    Task UpsertAsync(VideoCatalogEntry entry, CancellationToken cancellationToken = default);

    Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest <paramref name="limit"/> entries (at most 500) owned by any of <paramref name="ownerIds"/> that match
    /// the status and visibilities of <paramref name="filter"/> (its owner, cursor and limit are ignored): a feed.
    /// Stores that can answer it in one query override this; the default asks once per owner.
    /// </summary>
    async Task<IReadOnlyList<VideoCatalogEntry>> ListByOwnersAsync(
        IReadOnlyCollection<string> ownerIds, CatalogQuery filter, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, MaxOwnersListLimit);
        var pages = await Task.WhenAll(ownerIds.Select(o => ListAsync(filter with { OwnerId = o, Cursor = null, Limit = limit }, cancellationToken)));
        return [.. pages.SelectMany(p => p.Items).OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal).Take(limit)];
    }

    const int MaxOwnersListLimit = 500;
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.VideoCatalogEntry")]
public sealed record VideoCatalogEntry
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string? OwnerId { get; init; }
    [Id(2)] public VideoStatus Status { get; init; }
    [Id(3)] public Visibility Visibility { get; init; }
    [Id(4)] public string Title { get; init; } = "";
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public long Version { get; init; }

    public static VideoCatalogEntry From(VideoDetails video) => new()
    {
        Id = video.Id,
        OwnerId = video.OwnerId,
        Status = video.Status,
        Visibility = video.Visibility,
        Title = video.Title,
        CreatedAt = video.CreatedAt,
        Version = video.Version,
    };
}

/// <summary>Newest first. <see cref="Cursor"/> is the opaque value of a previous page's NextCursor.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.CatalogQuery")]
public sealed record CatalogQuery
{
    [Id(0)] public string? OwnerId { get; init; }
    [Id(1)] public VideoStatus? Status { get; init; }
    /// <summary>Only these visibilities (null = any).</summary>
    [Id(2)] public IReadOnlyList<Visibility>? Visibilities { get; init; }
    [Id(3)] public string? Cursor { get; init; }
    [Id(4)] public int Limit { get; init; } = 20;
    [Id(5)] public bool IncludeDeleted { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.CatalogPage")]
public sealed record CatalogPage(
    [property: Id(0)] IReadOnlyList<VideoCatalogEntry> Items,
    [property: Id(1)] string? NextCursor);
