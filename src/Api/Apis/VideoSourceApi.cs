using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Uploads;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Apis;

/// <summary>PUT /api/videos/{id}/source: a whole file in one request, for clients that need no resumability.</summary>
public static class VideoSourceApi
{
    public static IEndpointRouteBuilder MapVideoSourceApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/videos/{id}/source", PutSourceAsync).WithTags("Videos").WithName("PutVideoSource")
            .RequireAuthorization().RequireRateLimiting(AuthSetup.UploadLimit).WithMetadata(RawMediaBody.Instance);
        return app;
    }

    private static async Task<IResult> PutSourceAsync(
        string id, HttpContext http, ClaimsPrincipal user, ResourceAccess access, IClusterClient client, IObjectStore store,
        IOptions<UploadSettings> options, IOptions<QuotaSettings> quotas, TimeProvider time, PlatformMetrics metrics)
    {
        var request = http.Request;
        var maxSize = options.Value.MaxSize;
        var video = client.GetGrain<IVideoGrain>(id);
        var allowed = await access.VideoAsync(id, user, VideoAction.Manage);
        if (allowed.Denied is { } denied)
        {
            return denied;
        }

        if (!PlatformIds.IsWellFormed(id) || allowed.Value is not { Status: not VideoStatus.Deleted } details)
        {
            return ApiProblem.NotFound("Video", id);
        }

        if (details.Status is not (VideoStatus.Created or VideoStatus.Uploading))
        {
            return ApiProblem.Conflict("video_not_awaiting_upload", $"A video that is {details.Status.ToString().ToLowerInvariant()} takes no new source");
        }

        if (request.ContentLength > maxSize)
        {
            return TusResults.TooLarge($"The body is over the maximum of {maxSize} bytes");
        }

        if (request.ContentLength == 0)
        {
            return ApiProblem.BadRequest("empty", "The body is empty");
        }

        // One upload slot of the owner's while the body arrives; over a quota this throws QuotaExceededException.
        var quota = client.GetGrain<IUserQuotaGrain>(details.OwnerId ?? Caller.IdOf(user)!);
        var slot = $"put-{id}";
        var free = await quota.BeginUpload(slot, request.ContentLength ?? 0, time.GetUtcNow() + options.Value.Expiration, quotas.Value.For(user));
        try
        {
            return await ReceiveAsync(id, http, video, store, Math.Min(maxSize, free), metrics);
        }
        finally
        {
            await quota.EndUpload(slot);
        }
    }

    private static async Task<IResult> ReceiveAsync(
        string id, HttpContext http, IVideoGrain video, IObjectStore store, long limit, PlatformMetrics metrics)
    {
        var request = http.Request;
        TusResults.LiftBodySizeLimit(http);
        var key = MediaKeys.Source(id);
        var body = new UploadBodyStream(request.Body, limit, hash: null);
        ObjectInfo stored;
        try
        {
            using var active = metrics.UploadStarted();
            stored = await store.PutAsync(key, body, request.ContentType, http.RequestAborted);
        }
        catch (Exception) when (body.TooLarge)
        {
            return TusResults.TooLarge($"The body is over the {limit} bytes allowed (the upload maximum, or what the account may still store)");
        }

        if (stored.Length == 0)
        {
            await store.DeleteAsync(key);
            return ApiProblem.BadRequest("empty", "The body is empty");
        }

        metrics.UploadBytes.Add(stored.Length);
        try
        {
            var completed = await video.CompleteUpload(new UploadedSource(key, stored.Length, FileName(request), null));
            return TypedResults.Accepted($"/api/videos/{id}", new VideoSourceAccepted(id, completed.Status.ToString().ToLowerInvariant(), stored.Length));
        }
        catch (IllegalTransitionException ex) when (ex.From == nameof(VideoStatus.Deleted))
        {
            // Deleted while the body arrived: the video grain removed the bytes it was offered.
            return ApiProblem.Deleted("Video", id);
        }
    }

    private static string? FileName(HttpRequest request) =>
        ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
            : null;
}

public sealed record VideoSourceAccepted(string Id, string Status, long Size);
