using Microsoft.Net.Http.Headers;
using VideoPlatform.Api.Errors;
using VideoPlatform.Infrastructure.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Serves one object of a playable video with the headers players and CDNs expect: content type, byte ranges
/// (206/416), ETag and If-None-Match (304), long-lived caching for segments, short for playlists, CORS.
/// </summary>
public sealed class PlaybackServer(PlaybackObjectCache objects, PlaybackAccess access, PlaybackTokens tokens)
{
    public const string CorsPolicy = "playback";
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string ShortLived = "public, max-age=10";
    private const string PrivateImmutable = "private, max-age=3600";
    private const string PrivateShortLived = "private, max-age=10";

    // A video still processing grows its playlists every segment: players must see each new version.
    private const string Growing = "public, no-cache";
    private const string PrivateGrowing = "private, no-cache";

    public async Task<IResult> ServeAsync(HttpContext context, string videoId, string path)
    {
        if (!Videos.VideoIds.IsWellFormed(videoId) || await access.PlayableAsync(videoId) is not { } video)
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
            var issuedTo = token is null ? null : await tokens.ValidateAsync(videoId, token);
            if (issuedTo is null || (video.Visibility == Grains.Videos.Visibility.Private && issuedTo.Length == 0))
            {
                return Auth.AuthSetup.Forbidden();
            }
        }

        string key;
        try
        {
            key = PlaybackPaths.KeyFor(videoId, path);
            ObjectKey.Validate(key);
        }
        catch (InvalidObjectKeyException)
        {
            return ApiProblem.NotFound("File", path);
        }

        var request = context.Request;
        var range = RangeHeader.Parse(request.Headers.Range);
        ObjectContent? content;
        try
        {
            content = await objects.GetAsync(key, range, final: video.Status == Grains.Videos.VideoStatus.Ready, context.RequestAborted);
        }
        catch (ObjectRangeNotSatisfiableException ex)
        {
            context.Response.Headers.ContentRange = $"bytes */{ex.ObjectLength}";
            return ApiProblem.Create(StatusCodes.Status416RangeNotSatisfiable, "range_not_satisfiable", "Range not satisfiable", ex.Message);
        }

        if (content is null)
        {
            return ApiProblem.NotFound("File", path);
        }

        var response = context.Response;
        var etag = $"\"{content.Info.ETag}\"";
        response.Headers.ETag = etag;
        response.Headers.CacheControl = MediaContentTypes.IsImmutable(key)
            ? isPublic ? Immutable : PrivateImmutable
            : video.Status == Grains.Videos.VideoStatus.Processing
                ? isPublic ? Growing : PrivateGrowing
                : isPublic ? ShortLived : PrivateShortLived;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.LastModified = content.Info.LastModified.ToString("R");
        if (IfNoneMatch(request, etag))
        {
            await content.DisposeAsync();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        response.ContentType = MediaContentTypes.For(key);
        response.ContentLength = content.Length;
        if (range is not null)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {content.Offset}-{content.Offset + content.Length - 1}/{content.Info.Length}";
        }

        await using (content)
        {
            if (!HttpMethods.IsHead(request.Method))
            {
                // Headers first: bytes written before them are staged and copied again in 4 KiB blocks.
                await response.StartAsync(context.RequestAborted);
                await ObjectBody.WriteAsync(content, response.BodyWriter, context.RequestAborted);
            }
        }

        return TypedResults.Empty;
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }

        return EntityTagHeaderValue.TryParseList(header, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
    }
}
