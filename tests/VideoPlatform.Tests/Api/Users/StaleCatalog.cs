using VideoPlatform.Grains.Catalog;

namespace VideoPlatform.Tests.Api.Users;

/// <summary>A catalog that lags the grains: every list answers the entries it was given, whatever happened since.</summary>
internal sealed class StaleCatalog(IReadOnlyList<VideoCatalogEntry> entries) : IVideoCatalog
{
    public Task UpsertAsync(VideoCatalogEntry entry, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CatalogPage(entries, null));

    public Task<IReadOnlyList<VideoCatalogEntry>> ListByOwnersAsync(
        IReadOnlyCollection<string> ownerIds, CatalogQuery filter, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(entries);
}
