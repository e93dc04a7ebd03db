using VideoPlatform.Api.Errors;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Serves the objects of a playable video to those allowed to see it: long-lived caching for segments and images,
/// short for playlists, none for the growing playlists of a video still processing.
/// </summary>
public sealed class PlaybackServer(PlaybackObjectCache objects, PlaybackAccess access, PlaybackTokens tokens)
{
    private const string ShortLived = "public, max-age=10";
    private const string PrivateImmutable = "private, max-age=3600";
    private const string PrivateShortLived = "private, max-age=10";

    // A video still processing grows its playlists every segment: players must see each new version.
    private const string Growing = "public, no-cache";
    private const string PrivateGrowing = "private, no-cache";

    public async Task<IResult> ServeAsync(HttpContext context, string videoId, string path)
    {
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

        var isPublic = video.Visibility == Grains.Videos.Visibility.Public;
        if (!isPublic)
        {
            // Unlisted: anyone holding a valid link token. Private: only tokens issued to the owner or an admin.
            var issuedTo = token is null ? null : await tokens.ValidateAsync(videoId, video.Visibility, token);
            if (issuedTo is null || (video.Visibility == Grains.Videos.Visibility.Private && issuedTo.Length == 0))
            {
                return Auth.AuthSetup.Forbidden();
            }
        }

        if (MediaKeys.FromPlayPath(videoId, path) is not { } key)
        {
            return ApiProblem.NotFound("File", path);
        }

        var final = video.Status == Grains.Videos.VideoStatus.Ready;
        var cacheControl = MediaContentTypes.IsImmutable(key)
            ? isPublic ? StoredObjectResponse.ImmutableCacheControl : PrivateImmutable
            : final
                ? isPublic ? ShortLived : PrivateShortLived
                : isPublic ? Growing : PrivateGrowing;
        return await StoredObjectResponse.ServeAsync(context, key, path, cacheControl,
            (range, cancellationToken) => objects.GetAsync(key, range, final, cancellationToken));
    }
}
