using System.Diagnostics.CodeAnalysis;

namespace VideoPlatform.Api.Contracts;

/// <summary>HTML whose only markup is &lt;mark&gt; around the matched words; absent when the field did not match.</summary>
public sealed record SearchHighlightResponse(string? Title, string? Description);

/// <summary>A search result: the video JSON the lists return, plus its highlight.</summary>
public sealed record SearchItemResponse : VideoResponse
{
    [SetsRequiredMembers]
    public SearchItemResponse(VideoResponse video, SearchHighlightResponse? highlight) : base(video) => Highlight = highlight;

    public SearchHighlightResponse? Highlight { get; init; }
}

public sealed record TagFacetResponse(string Tag, long Count);

public sealed record SearchFacetsResponse(IReadOnlyList<TagFacetResponse> Tags);

/// <summary>
/// <see cref="Total"/> counts the matches (Meilisearch: its estimate); <see cref="TotalAtLeast"/> is true (otherwise
/// absent) when more match than were counted, so the total is a lower bound.
/// </summary>
public sealed record SearchResponse(
    IReadOnlyList<SearchItemResponse> Items, SearchFacetsResponse Facets, string? NextCursor, long? Total, bool? TotalAtLeast);

public sealed record SuggestResponse(IReadOnlyList<string> Items);

/// <summary>Catalog entries written as searchable documents, and those made unsearchable (not public Ready).</summary>
public sealed record ReindexResponse(int Indexed, int Removed);
