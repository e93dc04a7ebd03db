using System.Security.Claims;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Playback;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Apis;

/// <summary>/api/videos: create, read, list, edit, delete.</summary>
public static class VideosApi
{
    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/videos").WithTags("Videos");
        group.MapPost("/", CreateAsync).WithName("CreateVideo").RequireAuthorization();
        group.MapGet("/{id}", GetAsync).WithName("GetVideo");
        group.MapGet("/", ListAsync).WithName("ListVideos");
        group.MapPatch("/{id}", UpdateAsync).WithName("UpdateVideo").RequireAuthorization();
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteVideo").RequireAuthorization();
        return app;
    }

    private static async Task<IResult> CreateAsync(
        CreateVideoRequest request, ClaimsPrincipal user, IClusterClient grains, VideoMapper mapper, IOptions<QuotaSettings> quotas)
    {
        if (VideoRequestValidation.Validate(request) is { } problem)
        {
            return ApiProblem.BadRequest(problem.Code, problem.Detail);
        }

        // Over the per-day quota this throws QuotaExceededException (429 quota_exceeded).
        await grains.GetGrain<IUserQuotaGrain>(Caller.IdOf(user)!).ReserveVideo(quotas.Value.For(user));

        var command = new CreateVideo
        {
            Title = request.Title!.Trim(),
            Description = request.Description ?? "",
            Tags = VideoRequestValidation.NormalizeTags(request.Tags),
            Visibility = request.Visibility ?? Visibility.Public,
            OwnerId = Caller.IdOf(user),
        };
        var video = await grains.GetGrain<IVideoGrain>(PlatformIds.New()).Create(command);
        return TypedResults.Created($"/api/videos/{video.Id}", await mapper.MapAsync(video, user, includeUpload: true));
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, ResourceAccess access, VideoMapper mapper)
    {
        var video = await access.VideoAsync(id, user, VideoAction.View);
        return video.Denied ?? TypedResults.Ok(await mapper.MapAsync(video.Value!, user));
    }

    private static async Task<IResult> ListAsync(
        string? owner, string? status, string? cursor, int? limit, ClaimsPrincipal user, IVideoCatalog catalog, IClusterClient grains, VideoMapper mapper)
    {
        VideoStatus? statusFilter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<VideoStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return ApiProblem.BadRequest("invalid_status", $"status must be one of {string.Join(", ", Enum.GetNames<VideoStatus>()).ToLowerInvariant()}");
            }

            statusFilter = parsed;
        }

        if (limit is < 1 or > 100)
        {
            return ApiProblem.BadRequest("invalid_limit", "limit must be between 1 and 100");
        }

        var caller = Caller.IdOf(user);
        var ownerId = owner == "me" ? caller : owner;
        if (owner == "me" && caller is null)
        {
            return Unauthenticated.Result();
        }

        // Only the owner (or an admin) sees unlisted and private videos in lists; unlisted never shows to others.
        var mine = ownerId is not null && ResourceAccess.IsOwnerOrAdmin(ownerId, user);
        var page = await catalog.ListAsync(new CatalogQuery
        {
            OwnerId = ownerId,
            Status = statusFilter,
            Visibilities = mine ? null : [Visibility.Public],
            Cursor = cursor,
            Limit = limit ?? 20,
        });
        var details = await Task.WhenAll(page.Items.Select(i => grains.GetGrain<IVideoGrain>(i.Id).Get()));
        // The catalog leaves deleted videos out; one deleted since the page was read is left out here.
        var items = await Task.WhenAll(details.OfType<VideoDetails>()
            .Where(v => v.Status != VideoStatus.Deleted && (mine || v.Visibility == Visibility.Public))
            .Select(v => mapper.MapAsync(v, user)));
        return TypedResults.Ok(new PageResponse<VideoResponse>(items, page.NextCursor));
    }

    private static async Task<IResult> UpdateAsync(
        string id, UpdateVideoRequest request, ClaimsPrincipal user, ResourceAccess access, IClusterClient grains, VideoMapper mapper, PlaybackAccess playback)
    {
        if (VideoRequestValidation.Validate(request) is { } problem)
        {
            return ApiProblem.BadRequest(problem.Code, problem.Detail);
        }

        if ((await access.VideoAsync(id, user, VideoAction.Manage)).Denied is { } denied)
        {
            return denied;
        }

        var video = await grains.GetGrain<IVideoGrain>(id).Update(new VideoPatch
        {
            Title = request.Title?.Trim(),
            Description = request.Description,
            Tags = request.Tags is null ? null : VideoRequestValidation.NormalizeTags(request.Tags),
            Visibility = request.Visibility,
        });
        playback.Forget(id);
        return TypedResults.Ok(await mapper.MapAsync(video, user));
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, ResourceAccess access, IClusterClient grains, PlaybackAccess playback)
    {
        if ((await access.VideoAsync(id, user, VideoAction.Manage)).Denied is { } denied)
        {
            return denied;
        }

        await grains.GetGrain<IVideoGrain>(id).Delete();
        playback.Forget(id);
        return TypedResults.NoContent();
    }
}
