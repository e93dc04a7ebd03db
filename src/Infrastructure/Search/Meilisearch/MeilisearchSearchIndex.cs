using System.Globalization;
using System.Text.Json;
using VideoPlatform.Grains.Search;

namespace VideoPlatform.Infrastructure.Search.Meilisearch;

/// <summary>
/// The search index in Meilisearch. The index and its settings are made on first use (settings before documents:
/// changing them re-indexes everything). Every write waits for its task, so a failure surfaces to the projection,
/// which then retries the event. Meilisearch has no conditional write: the version guard is the projection's own
/// (one activation per video applies its snapshots in order). Pages by offset, up to Meilisearch's 1,000 hits.
/// </summary>
public sealed class MeilisearchSearchIndex(MeilisearchClient client, MeilisearchSettings settings) : ISearchIndex, IDisposable
{
    public const int MaxTotalHits = 1_000;

    public static readonly MeiliSettings IndexSettings = new()
    {
        SearchableAttributes = ["title", "tags", "description"],
        FilterableAttributes = ["searchable", "tags", "ownerId", "duration", "publishedAt"],
        SortableAttributes = ["publishedAt", "views"],
        RankingRules = ["words", "typo", "proximity", "attribute", "sort", "exactness"],
        TypoTolerance = new MeiliTypoTolerance(true, new MeiliMinWordSize(5, 9)),
    };

    private static readonly string[] Retrieve = ["id", "title", "description"];
    private static readonly string[] Highlight = ["title", "description"];
    private static readonly string[] Crop = ["description"];
    private static readonly string[] TagFacet = ["tags"];

    private readonly SemaphoreSlim setup = new(1, 1);
    private volatile bool ready;

    private string Uid => settings.Index;

    public void Dispose() => setup.Dispose();

    public async Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        await EnsureIndexAsync(cancellationToken);
        foreach (var chunk in documents.Chunk(Math.Max(1, settings.BatchSize)))
        {
            var task = await client.AddOrReplaceDocumentsAsync(Uid, chunk.Select(ToDocument).ToList(), cancellationToken);
            await client.WaitSucceededAsync(task, settings.TaskTimeout, cancellationToken);
        }
    }

    public async Task RemoveAsync(string videoId, long version, CancellationToken cancellationToken = default)
    {
        await EnsureIndexAsync(cancellationToken);
        await client.WaitSucceededAsync(await client.DeleteDocumentsAsync(Uid, [videoId], cancellationToken), settings.TaskTimeout, cancellationToken);
    }

    public async Task SetViewsAsync(string videoId, long views, CancellationToken cancellationToken = default)
    {
        await EnsureIndexAsync(cancellationToken);
        var task = await client.UpdateDocumentsAsync(Uid, [new MeiliVideo { Id = videoId, Views = views }], cancellationToken);
        await client.WaitSucceededAsync(task, settings.TaskTimeout, cancellationToken);
    }

    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var offset = query.After?.Offset ?? 0;
        if (offset >= MaxTotalHits)
        {
            return SearchPage.Empty;
        }

        await EnsureIndexAsync(cancellationToken);
        var words = SearchText.Words(query.Text, SearchText.MaxQueryWords);
        var response = await client.SearchAsync(Uid, new MeiliSearchRequest
        {
            Q = words.Count > 0 ? string.Join(' ', words) : null,
            Offset = offset,
            Limit = query.Limit + 1,
            Filter = Filter(query),
            Sort = query.Sort switch
            {
                SearchSort.Newest => ["publishedAt:desc"],
                SearchSort.Views => ["views:desc"],
                _ => null,
            },
            Facets = TagFacet,
            AttributesToRetrieve = Retrieve,
            AttributesToHighlight = words.Count > 0 ? Highlight : null,
            AttributesToCrop = words.Count > 0 ? Crop : null,
            CropLength = words.Count > 0 ? 30 : null,
            HighlightPreTag = words.Count > 0 ? SearchText.MarkStart.ToString() : null,
            HighlightPostTag = words.Count > 0 ? SearchText.MarkEnd.ToString() : null,
        }, cancellationToken);

        var hits = response.Hits.Take(query.Limit).Select(h => new SearchHit(
            h.GetProperty("id").GetString()!,
            SearchText.ToHighlightHtml(Formatted(h, "title")),
            SearchText.ToHighlightHtml(Formatted(h, "description")))).ToList();
        var facets = response.FacetDistribution?.GetValueOrDefault("tags")?
            .Select(p => new TagCount(p.Key, p.Value)).OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(SearchPage.FacetCount).ToList() ?? [];
        var next = response.Hits.Count > query.Limit && offset + query.Limit < MaxTotalHits
            ? new SearchCursor { Sort = query.Sort, Offset = offset + query.Limit, Id = hits[^1].VideoId }
            : null;
        return new SearchPage(hits, facets, next, response.EstimatedTotalHits);
    }

    public async Task<IReadOnlyList<string>> SuggestAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        var words = SearchText.Words(text, SearchText.MaxQueryWords);
        if (words.Count == 0)
        {
            return [];
        }

        await EnsureIndexAsync(cancellationToken);
        var response = await client.SearchAsync(Uid, new MeiliSearchRequest
        {
            Q = string.Join(' ', words),
            Limit = 40,
            Filter = ["searchable = true"],
            AttributesToRetrieve = ["title"],
        }, cancellationToken);
        return response.Hits.Select(h => h.GetProperty("title").GetString() ?? "").Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <summary>The filter expressions (joined by AND) of a search; values quoted, so no user text is read as syntax.</summary>
    public static IReadOnlyList<string> Filter(SearchQuery query)
    {
        var filter = new List<string> { "searchable = true" };
        filter.AddRange(query.Tags.Select(t => $"tags = {Quote(t)}"));
        if (query.OwnerId is not null)
        {
            filter.Add($"ownerId = {Quote(query.OwnerId)}");
        }

        if (query.Duration is { } duration)
        {
            var (min, max) = SearchQuery.Seconds(duration);
            if (min is not null)
            {
                filter.Add($"duration >= {min.Value.ToString(CultureInfo.InvariantCulture)}");
            }

            if (max is not null)
            {
                filter.Add($"duration < {max.Value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (query.PublishedAfter is { } after)
        {
            filter.Add($"publishedAt >= {after.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        }

        return filter;
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string? Formatted(JsonElement hit, string field) =>
        hit.TryGetProperty("_formatted", out var formatted) && formatted.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static MeiliVideo ToDocument(SearchDocument d) => new()
    {
        Id = d.Id,
        Version = d.Version,
        Searchable = true,
        Title = d.Title,
        Description = d.Description,
        Tags = d.Tags,
        OwnerId = d.OwnerId,
        Duration = d.DurationSeconds,
        PublishedAt = d.PublishedAt.ToUnixTimeSeconds(),
        Views = d.Views,
    };

    /// <summary>Creates the index (an existing one is fine) and applies the settings, once per process.</summary>
    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if (ready)
        {
            return;
        }

        await setup.WaitAsync(cancellationToken);
        try
        {
            if (!ready)
            {
                await client.WaitSucceededAsync(await client.CreateIndexAsync(Uid, "id", cancellationToken), settings.TaskTimeout, cancellationToken, "index_already_exists");
                await client.WaitSucceededAsync(await client.UpdateSettingsAsync(Uid, IndexSettings, cancellationToken), settings.TaskTimeout, cancellationToken);
                ready = true;
            }
        }
        finally
        {
            setup.Release();
        }
    }
}
