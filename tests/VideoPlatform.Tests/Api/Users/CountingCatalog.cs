using VideoPlatform.Grains.Catalog;

namespace VideoPlatform.Tests.Api.Users;

/// <summary>A catalog that holds nothing and counts how it is asked.</summary>
internal sealed class CountingCatalog : IVideoCatalog
{
    private int lists;
    private int ownerLists;

    public int Lists => lists;
    public int OwnerLists => ownerLists;
    public IReadOnlyCollection<string> LastOwners { get; private set; } = [];

    public Task UpsertAsync(VideoCatalogEntry entry, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref lists);
        return Task.FromResult(new CatalogPage([], null));
    }

    public Task<IReadOnlyList<VideoCatalogEntry>> ListByOwnersAsync(
        IReadOnlyCollection<string> ownerIds, CatalogQuery filter, int limit, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref ownerLists);
        LastOwners = ownerIds;
        return Task.FromResult<IReadOnlyList<VideoCatalogEntry>>([]);
    }
}
