using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Apis;

/// <summary>/api/videos: create, read, list, edit, delete.</summary>
public static class VideosApi
{
    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/videos").WithTags("Videos");
        group.MapPost("/", CreateAsync).WithName("CreateVideo");
        group.MapGet("/{id}", GetAsync).WithName("GetVideo");
        group.MapGet("/", ListAsync).WithName("ListVideos");
        group.MapPatch("/{id}", UpdateAsync).WithName("UpdateVideo");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteVideo");
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateVideoRequest request, HttpContext context, IClusterClient grains, VideoMapper mapper)
    {
        if (VideoRequestValidation.Validate(request) is { } problem)
        {
            return ApiProblem.BadRequest(problem.Code, problem.Detail);
        }

        var command = new CreateVideo
        {
            Title = request.Title!.Trim(),
            Description = request.Description ?? "",
            Tags = VideoRequestValidation.NormalizeTags(request.Tags),
            Visibility = request.Visibility ?? Visibility.Public,
            OwnerId = RequestOwner.Of(context),
        };
        var video = await grains.GetGrain<IVideoGrain>(VideoIds.New()).Create(command);
        return TypedResults.Created($"/api/videos/{video.Id}", mapper.Map(video, includeUpload: true));
    }

    private static async Task<IResult> GetAsync(string id, IClusterClient grains, VideoMapper mapper)
    {
        var video = VideoIds.IsWellFormed(id) ? await grains.GetGrain<IVideoGrain>(id).Get() : null;
        return video is null ? ApiProblem.NotFound("Video", id) : TypedResults.Ok(mapper.Map(video));
    }

    private static async Task<IResult> ListAsync(
        string? owner, string? status, string? cursor, int? limit, HttpContext context, IVideoCatalog catalog, IClusterClient grains, VideoMapper mapper)
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

        var caller = RequestOwner.Of(context);
        var ownerId = owner == "me" ? caller : owner;
        if (owner == "me" && caller is null)
        {
            return ApiProblem.Create(StatusCodes.Status401Unauthorized, "unauthenticated", "Unauthenticated", "owner=me needs a caller identity");
        }

        // Only the owner sees unlisted and private videos in lists.
        var mine = ownerId is not null && ownerId == caller;
        var page = await catalog.ListAsync(new CatalogQuery
        {
            OwnerId = ownerId,
            Status = statusFilter,
            Visibilities = mine ? null : [Visibility.Public],
            Cursor = cursor,
            Limit = limit ?? 20,
        });
        var details = await Task.WhenAll(page.Items.Select(i => grains.GetGrain<IVideoGrain>(i.Id).Get()));
        var items = details.OfType<VideoDetails>().Select(v => mapper.Map(v)).ToList();
        return TypedResults.Ok(new PageResponse<VideoResponse>(items, page.NextCursor));
    }

    private static async Task<IResult> UpdateAsync(string id, UpdateVideoRequest request, IClusterClient grains, VideoMapper mapper)
    {
        if (VideoRequestValidation.Validate(request) is { } problem)
        {
            return ApiProblem.BadRequest(problem.Code, problem.Detail);
        }

        var grain = grains.GetGrain<IVideoGrain>(id);
        if (!VideoIds.IsWellFormed(id) || await grain.Get() is null)
        {
            return ApiProblem.NotFound("Video", id);
        }

        var video = await grain.Update(new VideoPatch
        {
            Title = request.Title?.Trim(),
            Description = request.Description,
            Tags = request.Tags is null ? null : VideoRequestValidation.NormalizeTags(request.Tags),
            Visibility = request.Visibility,
        });
        return TypedResults.Ok(mapper.Map(video));
    }

    private static async Task<IResult> DeleteAsync(string id, IClusterClient grains)
    {
        var grain = grains.GetGrain<IVideoGrain>(id);
        if (!VideoIds.IsWellFormed(id) || await grain.Get() is null)
        {
            return ApiProblem.NotFound("Video", id);
        }

        await grain.Delete();
        return TypedResults.NoContent();
    }
}
