using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Recommendations;
using VideoPlatform.Api.Videos;

namespace VideoPlatform.Api.Apis;

/// <summary>Related videos and the home feed (<see cref="RecommendedVideos"/>), mapped as the lists map videos.</summary>
public static class RecommendationsApi
{
    public const int MaxLimit = 50;
    private const int DefaultRelated = 10;
    private const int DefaultHome = 20;

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videos/{id}/related", RelatedAsync).WithTags("Recommendations").WithName("RelatedVideos");
        app.MapGet("/api/home", HomeAsync).WithTags("Recommendations").WithName("Home");
        return app;
    }

    private static async Task<IResult> RelatedAsync(
        string id, int? limit, ClaimsPrincipal user, ResourceAccess access, RecommendedVideos recommended, VideoMapper mapper)
    {
        if (InvalidLimit(limit) is { } invalid)
        {
            return invalid;
        }

        if ((await access.VideoAsync(id, user, VideoAction.View)).Denied is { } denied)
        {
            return denied;
        }

        var shown = await recommended.RelatedAsync(id, limit ?? DefaultRelated);
        var items = await Task.WhenAll(shown.Select(v => mapper.MapAsync(v.Video, user)));
        return TypedResults.Ok(new ItemsResponse<VideoResponse>(items));
    }

    private static async Task<IResult> HomeAsync(int? limit, ClaimsPrincipal user, RecommendedVideos recommended, VideoMapper mapper)
    {
        if (InvalidLimit(limit) is { } invalid)
        {
            return invalid;
        }

        var shown = await recommended.HomeAsync(user, limit ?? DefaultHome);
        var items = await Task.WhenAll(shown.Select(async v => await mapper.MapAsync(v.Video.Video, user, views: v.Video.Views) with { Reason = v.Reason }));
        return TypedResults.Ok(new ItemsResponse<VideoResponse>(items));
    }

    private static IResult? InvalidLimit(int? limit) =>
        limit is < 1 or > MaxLimit ? ApiProblem.BadRequest("invalid_limit", $"limit must be between 1 and {MaxLimit}") : null;
}
