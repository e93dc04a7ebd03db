using System.Collections.Concurrent;
using VideoPlatform.Grains.Catalog;

namespace VideoPlatform.Bench.Recommendations;

/// <summary>
/// The catalog of 8b's in-process silo: a dictionary. The platform without PostgreSQL keeps its catalog in one grain
/// whose state is written whole on every change, which is for development, not for 100,000 videos.
/// </summary>
public sealed class BenchCatalog : IVideoCatalog
{
    private readonly ConcurrentDictionary<string, VideoCatalogEntry> entries = new(StringComparer.Ordinal);

    public Task UpsertAsync(VideoCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        entries.AddOrUpdate(entry.Id, entry, (_, held) => held.Version > entry.Version ? held : entry);
        return Task.CompletedTask;
    }

    public Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        var items = entries.Values
            .Where(e => (query.OwnerId is null || e.OwnerId == query.OwnerId) && (query.Status is null || e.Status == query.Status)
                && (query.Visibilities is null || query.Visibilities.Contains(e.Visibility)))
            .OrderByDescending(e => e.CreatedAt)
            .Take(Math.Clamp(query.Limit, 1, 100))
            .ToList();
        return Task.FromResult(new CatalogPage(items, null));
    }
}
