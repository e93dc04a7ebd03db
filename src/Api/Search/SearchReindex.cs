using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Search;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Search;

/// <summary>
/// Rebuilds the search index from the catalog: every public Ready video is written from its grain's snapshot, every
/// other entry is made unsearchable at its version. Writes are versioned, so events arriving meanwhile are not undone.
/// </summary>
public sealed class SearchReindex(IVideoCatalog catalog, ISearchIndex index, IClusterClient grains)
{
    private const int Page = 100;

    public async Task<(int Indexed, int Removed)> RunAsync(CancellationToken cancellationToken)
    {
        int indexed = 0, removed = 0;
        string? cursor = null;
        do
        {
            var page = await catalog.ListAsync(new CatalogQuery { IncludeDeleted = true, Cursor = cursor, Limit = Page }, cancellationToken);
            var candidates = page.Items.Where(e => e is { Status: VideoStatus.Ready, Visibility: Visibility.Public }).ToList();
            var documents = (await Task.WhenAll(candidates.Select(DocumentAsync))).OfType<SearchDocument>().ToList();
            await index.UpsertAsync(documents, cancellationToken);
            indexed += documents.Count;
            var searchable = documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in page.Items.Where(e => !searchable.Contains(e.Id)))
            {
                await index.RemoveAsync(entry.Id, entry.Version, cancellationToken);
                removed++;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return (indexed, removed);
    }

    /// <summary>The grain's snapshot, which may be newer than the catalog row (and no longer searchable).</summary>
    private async Task<SearchDocument?> DocumentAsync(VideoCatalogEntry entry)
    {
        var video = await grains.GetGrain<IVideoGrain>(entry.Id).Get();
        return video is not null && SearchDocument.IsSearchable(video)
            ? SearchDocument.From(video, await grains.GetGrain<IVideoStatsGrain>(video.Id).GetViews())
            : null;
    }
}
