using VideoPlatform.Api.Errors;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Serves the objects of a playable video: on /play to those allowed to see it, for browsers only
/// (<see cref="PlaybackCacheControl"/>); on the CDN origin route only while the video is public and Ready and the URL
/// carries its current <see cref="CdnVersions">version</see>.
/// </summary>
public sealed class PlaybackServer(PlaybackObjectCache objects, PlaybackAccess access, PlaybackTokens tokens, CdnVersions versions)
{
    public async Task<IResult> ServeAsync(HttpContext context, string videoId, string path)
    {
        context.Response.Headers.CacheControl = PlaybackCacheControl.Refusal;
        if (!PlatformIds.IsWellFormed(videoId) || await access.PlayableAsync(videoId) is not { } video)
        {
            return ApiProblem.NotFound("Video", videoId);
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        string? token = null;
        if (slash > 0 && PlaybackTokens.LooksLikeToken(path[..slash]))
        {
            token = path[..slash];
            path = path[(slash + 1)..];
        }

        if (video.Visibility != Visibility.Public)
        {
            // Unlisted: anyone holding a valid link token. Private: only tokens issued to the owner or an admin.
            var issuedTo = token is null ? null : await tokens.ValidateAsync(video, token);
            if (issuedTo is null || (video.Visibility == Visibility.Private && issuedTo.Length == 0))
            {
                return Auth.AuthSetup.Forbidden();
            }
        }

        return await ServeObjectAsync(context, video, path, cdn: false);
    }

    /// <summary>/cdn/{id}/{version}/{path}: what a CDN pulls. Anything but a public Ready video at its current version is 404.</summary>
    public async Task<IResult> ServeCdnOriginAsync(HttpContext context, string videoId, string version, string path)
    {
        context.Response.Headers.CacheControl = PlaybackCacheControl.Refusal;
        // An edge keeps one copy for every origin: it must carry the CORS header whether or not the first asker sent Origin.
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (!PlatformIds.IsWellFormed(videoId)
            || await access.PlayableAsync(videoId) is not { Status: VideoStatus.Ready, Visibility: Visibility.Public } video
            || !await versions.IsCurrentAsync(video, version))
        {
            return ApiProblem.Create(StatusCodes.Status404NotFound, "not_public", "Not served here",
                $"Video '{videoId}' is not public and ready at this version; players get its current URL from /api/videos/{videoId}");
        }

        return await ServeObjectAsync(context, video, path, cdn: true);
    }

    private async Task<IResult> ServeObjectAsync(HttpContext context, VideoDetails video, string path, bool cdn)
    {
        if (MediaKeys.FromPlayPath(video.Id, path) is not { } key)
        {
            return ApiProblem.NotFound("File", path);
        }

        var final = video.Status == VideoStatus.Ready;
        return await StoredObjectResponse.ServeAsync(context, key, path, PlaybackCacheControl.For(cdn, key, final),
            (range, cancellationToken) => objects.GetAsync(key, range, final, cancellationToken));
    }
}
