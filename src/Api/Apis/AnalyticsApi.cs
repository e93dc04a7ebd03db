using System.Security.Claims;
using Orleans.Runtime;
using VideoPlatform.Api.Analytics;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Hosting.Cluster;

namespace VideoPlatform.Api.Apis;

/// <summary>Playback events in, per-video stats and timeseries out, trending, and the admin rebuild.</summary>
public static class AnalyticsApi
{
    private const int TrendingPage = 20;
    private const int TrendingScan = 50;
    private static readonly TimeSpan MaxHourRange = TimeSpan.FromDays(31);
    private static readonly TimeSpan MaxDayRange = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/api/videos").WithTags("Analytics");
        videos.MapPost("/{id}/events", PostEventsAsync).WithName("PostPlaybackEvents").RequireRateLimiting(AnalyticsSettings.EventLimit);
        videos.MapGet("/{id}/stats", GetStatsAsync).WithName("GetVideoStats").RequireAuthorization();
        videos.MapGet("/{id}/stats/timeseries", GetTimeseriesAsync).WithName("GetVideoStatsTimeseries").RequireAuthorization();
        app.MapGet("/api/trending", GetTrendingAsync).WithTags("Analytics").WithName("Trending");
        app.MapPost("/api/admin/analytics/rebuild", RebuildAsync).WithTags("Admin").WithName("RebuildAnalytics")
            .RequireAuthorization(AuthSetup.AdminPolicy);
        return app;
    }

    private static async Task<IResult> PostEventsAsync(
        string id, PlaybackBatchRequest request, ClaimsPrincipal user, ResourceAccess access, IClusterClient grains, TimeProvider time)
    {
        var video = await access.VideoAsync(id, user, VideoAction.View);
        if (video.Denied is { } denied)
        {
            return denied;
        }

        var (events, problem) = PlaybackBatchValidation.Validate(request, video.Value!.Source?.DurationSeconds ?? 0, time.GetUtcNow(), Caller.IdOf(user));
        if (problem is not null)
        {
            return ApiProblem.BadRequest(problem.Code, problem.Detail);
        }

        var stream = grains.GetStreamProvider(StreamNames.Provider).GetStream<PlaybackEvent>(StreamId.Create(StreamNames.Playback, id));
        await stream.OnNextBatchAsync(events!);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> GetStatsAsync(string id, ClaimsPrincipal user, ResourceAccess access, IClusterClient grains)
    {
        if ((await access.VideoAsync(id, user, VideoAction.Manage)).Denied is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(VideoStatsResponse.From(await grains.GetGrain<IVideoStatsGrain>(id).Get()));
    }

    private static async Task<IResult> GetTimeseriesAsync(
        string id, DateTimeOffset? from, DateTimeOffset? to, string? bucket, ClaimsPrincipal user, ResourceAccess access, IClusterClient grains, TimeProvider time)
    {
        if ((await access.VideoAsync(id, user, VideoAction.Manage)).Denied is { } denied)
        {
            return denied;
        }

        TimeseriesBucket size;
        switch (bucket ?? "day")
        {
            case "day":
                size = TimeseriesBucket.Day;
                break;
            case "hour":
                size = TimeseriesBucket.Hour;
                break;
            default:
                return ApiProblem.BadRequest("invalid_bucket", "bucket must be hour or day");
        }

        var end = to ?? time.GetUtcNow();
        var start = from ?? end - (size == TimeseriesBucket.Day ? TimeSpan.FromDays(30) : TimeSpan.FromDays(2));
        if (start >= end || end - start > (size == TimeseriesBucket.Day ? MaxDayRange : MaxHourRange))
        {
            return ApiProblem.BadRequest("invalid_range", $"from must precede to, by at most {MaxHourRange.TotalDays:0} days for hours and {MaxDayRange.TotalDays:0} for days");
        }

        var points = await grains.GetGrain<IVideoStatsGrain>(id).Timeseries(start, end, size);
        return TypedResults.Ok(new TimeseriesResponse(points.Select(p => new TimeseriesPointResponse(p.At, p.Views, p.WatchTimeSeconds)).ToList()));
    }

    /// <summary>Ranked ids from the trending grain, kept only while public and ready (checked now, not when they were viewed).</summary>
    private static async Task<IResult> GetTrendingAsync(string? window, string? cursor, ClaimsPrincipal user, IClusterClient grains, VideoMapper mapper)
    {
        TrendingWindow span;
        switch (window ?? "day")
        {
            case "day":
                span = TrendingWindow.Day;
                break;
            case "week":
                span = TrendingWindow.Week;
                break;
            default:
                return ApiProblem.BadRequest("invalid_window", "window must be day or week");
        }

        if (!TrendingCursor.TryDecode(cursor, out var offset))
        {
            return ApiProblem.BadRequest("invalid_cursor", "cursor is not one this endpoint returned");
        }

        var trending = grains.GetGrain<ITrendingGrain>(ITrendingGrain.Key);
        var found = new List<VideoDetails>();
        var exhausted = false;
        while (found.Count < TrendingPage && !exhausted)
        {
            var ids = await trending.Top(span, offset, TrendingScan);
            exhausted = ids.Count < TrendingScan;
            var details = await Task.WhenAll(ids.Select(i => grains.GetGrain<IVideoGrain>(i).Get()));
            foreach (var video in details)
            {
                offset++;
                if (video is { Visibility: Visibility.Public, Status: VideoStatus.Ready })
                {
                    found.Add(video);
                    if (found.Count == TrendingPage)
                    {
                        break;
                    }
                }
            }
        }

        var items = await Task.WhenAll(found.Select(v => mapper.MapAsync(v, user)));
        return TypedResults.Ok(new PageResponse<VideoResponse>(items, exhausted && found.Count < TrendingPage ? null : TrendingCursor.Encode(offset)));
    }

    /// <summary>Rebuilds one video's stats (<paramref name="videoId"/>) or every video's in the catalog from the warehouse.</summary>
    private static async Task<IResult> RebuildAsync(string? videoId, IClusterClient grains, IVideoCatalog catalog)
    {
        if (videoId is not null)
        {
            if (!PlatformIds.IsWellFormed(videoId))
            {
                return ApiProblem.NotFound("Video", videoId);
            }

            await grains.GetGrain<IVideoStatsGrain>(videoId).Rebuild();
            return TypedResults.Ok(new RebuildResponse(1));
        }

        var count = 0;
        string? cursor = null;
        do
        {
            var page = await catalog.ListAsync(new CatalogQuery { Cursor = cursor, Limit = 100 });
            await Task.WhenAll(page.Items.Select(v => grains.GetGrain<IVideoStatsGrain>(v.Id).Rebuild()));
            count += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return TypedResults.Ok(new RebuildResponse(count));
    }
}
