using System.Collections.Concurrent;
using VideoPlatform.Grains.Catalog;

namespace VideoPlatform.Bench.Recommendations;

/// <summary>
/// The catalog of 8b's in-process silo: dictionaries, by id and by owner (as the PostgreSQL catalog's owner index, so
/// a signed-in home feed's subscription lists do not scan every video). The platform without PostgreSQL keeps its
/// catalog in one grain whose state is written whole on every change, which is for development, not for 100,000 videos.
/// </summary>
public sealed class BenchCatalog : IVideoCatalog
{
    private readonly ConcurrentDictionary<string, VideoCatalogEntry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> byOwner = new(StringComparer.Ordinal);

    public Task UpsertAsync(VideoCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        entries.AddOrUpdate(entry.Id, entry, (_, held) => held.Version > entry.Version ? held : entry);
        byOwner.GetOrAdd(entry.OwnerId ?? "", _ => new(StringComparer.Ordinal)).TryAdd(entry.Id, 0);
        return Task.CompletedTask;
    }

    public Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        var scope = query.OwnerId is null
            ? entries.Values
            : (byOwner.TryGetValue(query.OwnerId, out var ids) ? ids.Keys : []).Select(id => entries[id]).Where(e => e.OwnerId == query.OwnerId);
        var items = scope
            .Where(e => (query.Status is null || e.Status == query.Status) && (query.Visibilities is null || query.Visibilities.Contains(e.Visibility)))
            .OrderByDescending(e => e.CreatedAt)
            .Take(Math.Clamp(query.Limit, 1, 100))
            .ToList();
        return Task.FromResult(new CatalogPage(items, null));
    }
}
