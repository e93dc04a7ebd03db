using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Recommendations;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Apis;

/// <summary>Related videos and the home feed: ranked ids from the recommendation grains, shown only while public and Ready.</summary>
public static class RecommendationsApi
{
    public const int MaxLimit = 50;
    private const int DefaultRelated = 10;
    private const int DefaultHome = 20;
    /// <summary>Ranked ids asked for beyond the limit, for the ones that turned private since they were ranked.</summary>
    private const int Spare = 10;

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videos/{id}/related", RelatedAsync).WithTags("Recommendations").WithName("RelatedVideos");
        app.MapGet("/api/home", HomeAsync).WithTags("Recommendations").WithName("Home");
        return app;
    }

    private static async Task<IResult> RelatedAsync(
        string id, int? limit, ClaimsPrincipal user, ResourceAccess access, IClusterClient grains, VideoMapper mapper)
    {
        if (InvalidLimit(limit) is { } invalid)
        {
            return invalid;
        }

        if ((await access.VideoAsync(id, user, VideoAction.View)).Denied is { } denied)
        {
            return denied;
        }

        var take = limit ?? DefaultRelated;
        var ranked = await grains.GetGrain<IRelatedVideosGrain>(id).Top(take + Spare);
        var shown = await ShownAsync(ranked.Where(r => r.VideoId != id), grains);
        var items = await Task.WhenAll(shown.Take(take).Select(v => mapper.MapAsync(v.Video, user)));
        return TypedResults.Ok(new ItemsResponse<VideoResponse>(items));
    }

    private static async Task<IResult> HomeAsync(int? limit, ClaimsPrincipal user, HomeFeed feed, IClusterClient grains, VideoMapper mapper)
    {
        if (InvalidLimit(limit) is { } invalid)
        {
            return invalid;
        }

        var take = limit ?? DefaultHome;
        var candidates = await feed.CandidatesAsync(user, take * 2 + Spare);
        var shown = FeedDiversifier.Diversify(await ShownAsync(candidates, grains), v => v.Video.OwnerId);
        var items = await Task.WhenAll(shown.Take(take).Select(async v => await mapper.MapAsync(v.Video, user) with { Reason = v.Reason }));
        return TypedResults.Ok(new ItemsResponse<VideoResponse>(items));
    }

    private static IResult? InvalidLimit(int? limit) =>
        limit is < 1 or > MaxLimit ? ApiProblem.BadRequest("invalid_limit", $"limit must be between 1 and {MaxLimit}") : null;

    /// <summary>The ranked videos as they are now, kept only while public and Ready, in rank order.</summary>
    private static async Task<List<(VideoDetails Video, RecommendationReason Reason)>> ShownAsync(IEnumerable<Recommendation> ranked, IClusterClient grains)
    {
        var list = ranked.ToList();
        var details = await Task.WhenAll(list.Select(r => grains.GetGrain<IVideoGrain>(r.VideoId).Get()));
        return list.Zip(details)
            .Where(p => p.Second is { Status: VideoStatus.Ready, Visibility: Visibility.Public })
            .Select(p => (p.Second!, p.First.Reason))
            .ToList();
    }
}
