using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Catalog;

/// <summary>The in-grain catalog: every entry in one persisted dictionary. Fine for development, not for scale.</summary>
public sealed class VideoIndexGrain(
    [PersistentState("index")] IPersistentState<VideoIndexState> state) : Grain, IVideoIndexGrain
{
    public async Task Upsert(VideoCatalogEntry entry)
    {
        if (state.State.Entries.TryGetValue(entry.Id, out var existing) && existing.Version > entry.Version)
        {
            return;
        }

        state.State.Entries[entry.Id] = entry;
        await state.WriteStateAsync();
    }

    public Task<CatalogPage> List(CatalogQuery query)
    {
        var hasCursor = CatalogCursor.TryDecode(query.Cursor, out var afterTime, out var afterId);
        var limit = Math.Clamp(query.Limit, 1, 100);
        var items = state.State.Entries.Values
            .Where(e => query.IncludeDeleted || e.Status != VideoStatus.Deleted)
            .Where(e => query.OwnerId is null || e.OwnerId == query.OwnerId)
            .Where(e => query.Status is null || e.Status == query.Status)
            .Where(e => query.Visibilities is null || query.Visibilities.Contains(e.Visibility))
            .Where(e => !hasCursor || CatalogCursor.Compare(e, afterTime, afterId) > 0)
            .OrderByDescending(e => e.CreatedAt)
            .ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var next = items.Count > limit ? CatalogCursor.Encode(items[limit - 1]) : null;
        return Task.FromResult(new CatalogPage(items.Take(limit).ToList(), next));
    }
}

[GenerateSerializer, Alias("VideoPlatform.VideoIndexState")]
public sealed class VideoIndexState
{
    [Id(0)] public Dictionary<string, VideoCatalogEntry> Entries { get; set; } = [];
}
