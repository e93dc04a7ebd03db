namespace VideoPlatform.Api.WebApp;

/// <summary>Which paths belong to the web app: its pages, and everything the Api does not own.</summary>
public static class WebAppRoutes
{
    /// <summary>The Api's own prefixes: the app never answers under them, so an unknown /api/... keeps the Api's 404.</summary>
    private static readonly string[] Reserved = ["/api", "/play", "/cdn", "/live", "/docs", "/openapi", "/healthz", "/readyz"];

    private static readonly string[] Pages = ["/", "/upload", "/search", "/login", "/register", "/me/videos", "/me/channels"];

    /// <summary>Pages that take one id segment: /watch/{videoId}, /channels/{channelId}.</summary>
    private static readonly string[] PagesWithId = ["/watch", "/channels"];

    public static bool IsReserved(PathString path) =>
        Reserved.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>A page the app renders (answered 200); any other path gets the app's own 404 page with status 404.</summary>
    public static bool IsPage(PathString path)
    {
        var value = path.Value is { Length: > 1 } p ? p.TrimEnd('/') : "/";
        if (Pages.Contains(value, StringComparer.Ordinal))
        {
            return true;
        }

        return PagesWithId.Any(prefix => path.StartsWithSegments(prefix, StringComparison.Ordinal, out var rest)
            && rest.Value is { Length: > 1 } id && id.IndexOf('/', 1) is var slash && (slash < 0 || slash == id.Length - 1));
    }
}
