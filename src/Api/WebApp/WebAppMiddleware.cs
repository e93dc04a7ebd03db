using Microsoft.Net.Http.Headers;

namespace VideoPlatform.Api.WebApp;

/// <summary>
/// Serves the app to whatever no endpoint took, outside the Api's prefixes: a built file by its exact path
/// (precompressed when the client accepts it), else the app's page, which routes on the client.
/// </summary>
internal sealed class WebAppMiddleware(RequestDelegate next, WebAppFiles files, ContentSecurityPolicy policy)
{
    private const string NotBuilt = """
        <!doctype html><html lang="en"><meta charset="utf-8"><title>VideoPlatform</title>
        <h1>The web app is not built</h1>
        <p>Install Node.js (20.19 or later) and build again: <code>./vp up</code> or <code>dotnet build</code> builds it
        into the Api. The API itself works: see <a href="/docs/">/docs</a>.</p></html>
        """;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is not null || WebAppRoutes.IsReserved(request.Path)
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return next(context);
        }

        if (files.Find(request.Path) is { } asset)
        {
            return ServeAsync(context, asset, StatusCodes.Status200OK);
        }

        if (files.Index is { } index)
        {
            return ServeAsync(context, index, WebAppRoutes.IsPage(request.Path) ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
        }

        if (!WebAppRoutes.IsPage(request.Path))
        {
            return next(context); // without the app, a path that is no page of it is simply not found
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(NotBuilt, context.RequestAborted);
    }

    private Task ServeAsync(HttpContext context, WebAsset asset, int status)
    {
        var response = context.Response;
        var (path, encoding) = Accepts(context.Request, "br") && asset.Brotli is { } br ? (br, "br")
            : Accepts(context.Request, "gzip") && asset.Gzip is { } gz ? (gz, "gzip")
            : (asset.Path, null);
        response.StatusCode = status;
        response.ContentType = asset.ContentType;
        response.ContentLength = new FileInfo(path).Length;
        response.Headers.CacheControl = asset.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (asset.Brotli is not null || asset.Gzip is not null)
        {
            response.Headers.Vary = HeaderNames.AcceptEncoding;
        }

        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            response.Headers.ContentSecurityPolicy = policy.Value;
            response.Headers["Referrer-Policy"] = "same-origin";
        }

        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.SendFileAsync(path, context.RequestAborted);
    }

    private static bool Accepts(HttpRequest request, string coding) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
}
