using VideoPlatform.Grains.Catalog;

namespace VideoPlatform.Hosting.Catalog;

/// <summary>The catalog through <see cref="IVideoIndexGrain"/>, when the platform runs without PostgreSQL.</summary>
public sealed class GrainVideoCatalog(IGrainFactory grains) : IVideoCatalog
{
    private IVideoIndexGrain Index => grains.GetGrain<IVideoIndexGrain>("all");

    public Task UpsertAsync(VideoCatalogEntry entry, CancellationToken cancellationToken = default) => Index.Upsert(entry);

    public Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default) => Index.List(query);
}
