using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoPlatform.Infrastructure.Search.Meilisearch;

// The request and response shapes of Meilisearch's REST API (v1), as far as this provider uses them.

public sealed record MeiliError(string? Message, string? Code, string? Type, string? Link);

/// <summary>The summarized task every write answers with 202.</summary>
public sealed record MeiliTaskInfo(long TaskUid, string? IndexUid, string Status, string Type);

/// <summary>GET /tasks/{uid}: the full task (its id is <c>uid</c>).</summary>
public sealed record MeiliTask(long Uid, string? IndexUid, string Status, string Type, MeiliError? Error);

public sealed record MeiliCreateIndex(string Uid, string PrimaryKey);

public sealed record MeiliTypoTolerance(bool Enabled, MeiliMinWordSize MinWordSizeForTypos);

public sealed record MeiliMinWordSize(int OneTypo, int TwoTypos);

public sealed record MeiliSettings
{
    public IReadOnlyList<string>? SearchableAttributes { get; init; }
    public IReadOnlyList<string>? FilterableAttributes { get; init; }
    public IReadOnlyList<string>? SortableAttributes { get; init; }
    public IReadOnlyList<string>? RankingRules { get; init; }
    public MeiliTypoTolerance? TypoTolerance { get; init; }
}

public sealed record MeiliSearchRequest
{
    public string? Q { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; }
    public IReadOnlyList<string>? Filter { get; init; }
    public IReadOnlyList<string>? Sort { get; init; }
    public IReadOnlyList<string>? Facets { get; init; }
    public IReadOnlyList<string>? AttributesToRetrieve { get; init; }
    public IReadOnlyList<string>? AttributesToHighlight { get; init; }
    public IReadOnlyList<string>? AttributesToCrop { get; init; }
    public int? CropLength { get; init; }
    public string? HighlightPreTag { get; init; }
    public string? HighlightPostTag { get; init; }
}

public sealed record MeiliSearchResponse
{
    public IReadOnlyList<JsonElement> Hits { get; init; } = [];
    public string? Query { get; init; }
    public long ProcessingTimeMs { get; init; }
    public long? EstimatedTotalHits { get; init; }
    public Dictionary<string, Dictionary<string, long>>? FacetDistribution { get; init; }
}

/// <summary>A video as a Meilisearch document: the primary key is <c>id</c>; times are Unix seconds, so they filter and sort as numbers.</summary>
public sealed record MeiliVideo
{
    public required string Id { get; init; }
    public long? Version { get; init; }
    /// <summary>Always true on a full document; a view count written for an id the index lacks makes a partial one, which the filter hides.</summary>
    public bool? Searchable { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? OwnerId { get; init; }
    public double? Duration { get; init; }
    public long? PublishedAt { get; init; }
    public long? Views { get; init; }
}

internal static class MeiliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
