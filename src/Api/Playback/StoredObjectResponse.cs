using Microsoft.Net.Http.Headers;
using VideoPlatform.Api.Errors;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Serves one object of the store with the headers players and CDNs expect, for /play and /live alike: content type,
/// byte ranges (206/416), ETag and If-None-Match (304), Last-Modified, the caller's Cache-Control. Both routes carry
/// the <see cref="CorsPolicy"/>.
/// </summary>
public static class StoredObjectResponse
{
    public const string CorsPolicy = "playback";

    /// <summary>Cache-Control of an object that never changes under its key (segments, images).</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Maps GET and HEAD of <paramref name="pattern"/> to an object-serving handler, with the <see cref="CorsPolicy"/>.</summary>
    public static RouteHandlerBuilder MapStoredObjects(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler).RequireCors(CorsPolicy);

    /// <param name="open">Opens the object, or the requested range of it; null when there is no such object.</param>
    /// <param name="path">The requested path, named in a 404.</param>
    public static async Task<IResult> ServeAsync(
        HttpContext context, string key, string path, string cacheControl, Func<ByteRange?, CancellationToken, Task<ObjectContent?>> open)
    {
        var request = context.Request;
        var response = context.Response;
        var range = RangeHeader.Parse(request.Headers.Range);
        ObjectContent? content;
        try
        {
            content = await open(range, context.RequestAborted);
        }
        catch (ObjectRangeNotSatisfiableException ex)
        {
            response.Headers.ContentRange = $"bytes */{ex.ObjectLength}";
            return ApiProblem.Create(StatusCodes.Status416RangeNotSatisfiable, "range_not_satisfiable", "Range not satisfiable", ex.Message);
        }

        if (content is null)
        {
            return ApiProblem.NotFound("File", path);
        }

        await using (content)
        {
            var etag = $"\"{content.Info.ETag}\"";
            response.Headers.ETag = etag;
            response.Headers.CacheControl = cacheControl;
            response.Headers.AcceptRanges = "bytes";
            response.Headers.LastModified = content.Info.LastModified.ToString("R");
            if (IfNoneMatch(request, etag))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }

            response.ContentType = MediaContentTypes.For(key);
            response.ContentLength = content.Length;
            if (range is not null)
            {
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = $"bytes {content.Offset}-{content.Offset + content.Length - 1}/{content.Info.Length}";
            }

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
        return header.Count > 0
            && EntityTagHeaderValue.TryParseList(header, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
    }
}
