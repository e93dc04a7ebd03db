using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Search;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Search;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Apis;

/// <summary>/api/search: full-text search over public Ready videos, suggestions, and the admin reindex.</summary>
public static class SearchApi
{
    public const int MaxSuggestions = 8;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search");
        group.MapGet("/", SearchAsync).WithName("Search");
        group.MapGet("/suggest", SuggestAsync).WithName("SearchSuggest");
        app.MapPost("/api/admin/search/reindex", ReindexAsync).WithTags("Admin").WithName("ReindexSearch")
            .RequireAuthorization(AuthSetup.AdminPolicy);
        return app;
    }

    private static async Task<IResult> SearchAsync(
        string? q, string[]? tags, string? owner, string? duration, string? uploaded, string? sort, string? cursor, int? limit,
        ClaimsPrincipal user, ISearchIndex index, IClusterClient grains, VideoMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, problem) = SearchRequest.Parse(q, tags, owner, duration, uploaded, sort, cursor, limit, time.GetUtcNow());
        if (problem is { } p)
        {
            return ApiProblem.BadRequest(p.Code, p.Detail);
        }

        var page = await index.SearchAsync(query!, cancellationToken);
        var videos = await Task.WhenAll(page.Items.Select(h => grains.GetGrain<IVideoGrain>(h.VideoId).Get()));
        // The grain has the last word: a video that stopped being searchable a moment ago is not shown meanwhile.
        var items = await Task.WhenAll(page.Items.Zip(videos)
            .Where(x => x.Second is not null && SearchDocument.IsSearchable(x.Second))
            .Select(async x => new SearchItemResponse(await mapper.MapAsync(x.Second!, user),
                x.First.TitleHighlight is null && x.First.DescriptionHighlight is null
                    ? null
                    : new SearchHighlightResponse(x.First.TitleHighlight, x.First.DescriptionHighlight))));
        var facets = new SearchFacetsResponse(page.Facets.Select(f => new TagFacetResponse(f.Tag, f.Count)).ToList());
        return TypedResults.Ok(new SearchResponse(items, facets, page.Next?.Encode(), page.Total, page.TotalAtLeast ? true : null));
    }

    private static async Task<IResult> SuggestAsync(string? q, ISearchIndex index, CancellationToken cancellationToken)
    {
        if (q is { Length: > SearchRequest.MaxQuery })
        {
            return ApiProblem.BadRequest("query_too_long", $"q is longer than {SearchRequest.MaxQuery} characters");
        }

        return TypedResults.Ok(new SuggestResponse(string.IsNullOrWhiteSpace(q) ? [] : await index.SuggestAsync(q, MaxSuggestions, cancellationToken)));
    }

    private static async Task<IResult> ReindexAsync(SearchReindex reindex, CancellationToken cancellationToken)
    {
        var (indexed, removed) = await reindex.RunAsync(cancellationToken);
        return TypedResults.Ok(new ReindexResponse(indexed, removed));
    }
}
