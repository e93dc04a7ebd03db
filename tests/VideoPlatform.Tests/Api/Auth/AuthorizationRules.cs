using System.Net.Http.Json;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>
/// One row per endpoint (method + route pattern) of the Api: how to call it on a fresh resource of the owner, and
/// the status expected for each caller. A new endpoint needs a row here, or the matrix test fails.
/// </summary>
internal static class AuthorizationRules
{
    public static readonly AuthorizationRule[] All =
    [
        new("*", "/healthz", _ => Get("/healthz"), 200, 200, 200, 200),
        new("*", "/readyz", _ => Get("/readyz"), 200, 200, 200, 200),
        new("GET", "/openapi/{documentName}.json", _ => Get("/openapi/v1.json"), 200, 200, 200, 200),
        new("POST", "/api/auth/register", _ => Json("POST", "/api/auth/register", NewAccount()), 201, 201, 201, 201),
        new("POST", "/api/auth/login", c => Json("POST", "/api/auth/login", new { username = c.OwnerName, password = c.Password }), 200, 200, 200, 200),
        new("POST", "/api/auth/refresh", _ => Json("POST", "/api/auth/refresh", new { refreshToken = "0123abcd.forged" }), 401, 401, 401, 401),
        new("POST", "/api/auth/token", c => Form("/api/auth/token", ("grant_type", "password"), ("username", c.OwnerName), ("password", c.Password)), 200, 200, 200, 200),
        new("POST", "/api/auth/logout", _ => Json("POST", "/api/auth/logout", new { refreshToken = "0123abcd.forged" }), 204, 204, 204, 204),
        // The web app's session: the refresh token travels in an HttpOnly cookie (none yet, so refresh is refused; the test clients keep cookies, hence this order).
        new("POST", "/api/auth/session/refresh", _ => Json("POST", "/api/auth/session/refresh", new { }), 401, 401, 401, 401),
        new("POST", "/api/auth/session", c => Json("POST", "/api/auth/session", new { username = c.OwnerName, password = c.Password }), 200, 200, 200, 200),
        new("DELETE", "/api/auth/session", _ => Send("DELETE", "/api/auth/session"), 204, 204, 204, 204),
        // The OpenAPI UI and its assets.
        new("GET", "/docs/{documentName?}", _ => Get("/docs/v1"), 200, 200, 200, 200),
        new("GET", "/docs/scalar.js", _ => Get("/docs/scalar.js"), 200, 200, 200, 200),
        new("GET", "/docs/scalar.aspnetcore.js", _ => Get("/docs/scalar.aspnetcore.js"), 200, 200, 200, 200),
        new("GET", "/docs/favicon.svg", _ => Get("/docs/favicon.svg"), 200, 200, 200, 200),
        new("GET", "/api/me", _ => Get("/api/me"), 401, 200, 200, 200),
        new("PATCH", "/api/me", _ => Json("PATCH", "/api/me", new { bio = "hello" }), 401, 200, 200, 200),
        new("GET", "/api/me/subscriptions", _ => Get("/api/me/subscriptions"), 401, 200, 200, 200),
        new("GET", "/api/me/feed", _ => Get("/api/me/feed"), 401, 200, 200, 200),
        new("GET", "/api/users/{id}", c => Get($"/api/users/{c.OwnerId}"), 200, 200, 200, 200),
        new("POST", "/api/users/{id}/subscription", c => Json("POST", $"/api/users/{c.OwnerId}/subscription", new { }), 401, 204, 400, 204),
        new("DELETE", "/api/users/{id}/subscription", c => Send("DELETE", $"/api/users/{c.OwnerId}/subscription"), 401, 204, 204, 204),
        new("POST", "/api/videos", _ => Json("POST", "/api/videos", new { title = "matrix" }), 401, 201, 201, 201),
        new("GET", "/api/videos", _ => Get("/api/videos"), 200, 200, 200, 200),
        // A private video: those who may not see it get 404, as if it did not exist.
        new("GET", "/api/videos/{id}", async c => Get($"/api/videos/{await c.VideoAsync("private")}"), 404, 404, 200, 200),
        new("PATCH", "/api/videos/{id}", async c => Json("PATCH", $"/api/videos/{await c.VideoAsync()}", new { title = "hijack" }), 401, 403, 200, 200),
        new("DELETE", "/api/videos/{id}", async c => Send("DELETE", $"/api/videos/{await c.VideoAsync()}"), 401, 403, 204, 204),
        new("PUT", "/api/videos/{id}/source", async c => Bytes("PUT", $"/api/videos/{await c.VideoAsync()}/source", "video/mp4"), 401, 403, 202, 202),
        // Not ready: nothing to play for anyone (the playback rules of ready videos have their own tests).
        new("GET", "/play/{id}/{**path}", async c => Get($"/play/{await c.VideoAsync()}/master.m3u8"), 404, 404, 404, 404),
        new("HEAD", "/play/{id}/{**path}", async c => Send("HEAD", $"/play/{await c.VideoAsync()}/master.m3u8"), 404, 404, 404, 404),
        // The CDN origin serves public Ready videos at their current version only, to no one in particular.
        new("GET", "/cdn/{id}/{version}/{**path}", async c => Get($"/cdn/{await c.VideoAsync()}/v/master.m3u8"), 404, 404, 404, 404),
        new("HEAD", "/cdn/{id}/{version}/{**path}", async c => Send("HEAD", $"/cdn/{await c.VideoAsync()}/v/master.m3u8"), 404, 404, 404, 404),
        new("GET", "/api/admin/transcode", _ => Get("/api/admin/transcode"), 401, 403, 403, 200),
        new("GET", "/api/admin/transcode/jobs/{videoId}", async c => Get($"/api/admin/transcode/jobs/{await c.VideoAsync()}"), 401, 403, 403, 404),
        new("GET", "/api/admin/cluster", _ => Get("/api/admin/cluster"), 401, 403, 403, 200),
        new("POST", "/api/channels", _ => Json("POST", "/api/channels", new { name = "matrix" }), 401, 201, 201, 201),
        new("GET", "/api/channels", _ => Get("/api/channels"), 200, 200, 200, 200),
        new("GET", "/api/channels", _ => Get("/api/channels?owner=me"), 401, 200, 200, 200),
        new("GET", "/api/channels/{id}", async c => Get($"/api/channels/{await c.ChannelAsync()}"), 200, 200, 200, 200),
        new("PATCH", "/api/channels/{id}", async c => Json("PATCH", $"/api/channels/{await c.ChannelAsync()}", new { name = "renamed" }), 401, 403, 200, 200),
        new("POST", "/api/channels/{id}/stream-key", async c => Json("POST", $"/api/channels/{await c.ChannelAsync()}/stream-key", new { }), 401, 403, 200, 200),
        // Someone else's endpoint is not revealed, not even to an admin.
        new("POST", "/api/webhooks", _ => Json("POST", "/api/webhooks", MatrixContext.NewWebhook), 401, 201, 201, 201),
        new("GET", "/api/webhooks", _ => Get("/api/webhooks"), 401, 200, 200, 200),
        new("DELETE", "/api/webhooks/{id}", async c => Send("DELETE", $"/api/webhooks/{await c.WebhookAsync()}"), 401, 404, 204, 404),
        new("GET", "/api/webhooks/{id}/deliveries", async c => Get($"/api/webhooks/{await c.WebhookAsync()}/deliveries"), 401, 404, 200, 404),
        // Analytics: anyone who may watch reports playback; only the owner and admins read the stats.
        new("POST", "/api/videos/{id}/events", async c => Json("POST", $"/api/videos/{await c.VideoAsync()}/events", PlaybackBatch()), 202, 202, 202, 202),
        new("GET", "/api/videos/{id}/stats", async c => Get($"/api/videos/{await c.VideoAsync()}/stats"), 401, 403, 200, 200),
        new("GET", "/api/videos/{id}/stats/timeseries", async c => Get($"/api/videos/{await c.VideoAsync()}/stats/timeseries"), 401, 403, 200, 200),
        new("GET", "/api/trending", _ => Get("/api/trending"), 200, 200, 200, 200),
        new("POST", "/api/admin/analytics/rebuild", async c => Json("POST", $"/api/admin/analytics/rebuild?videoId={await c.VideoAsync()}", new { }), 401, 403, 403, 200),
        // Search: anyone; only public Ready videos are ever in the index. Rebuilding it is an admin's job.
        new("GET", "/api/search", _ => Get("/api/search?q=matrix"), 200, 200, 200, 200),
        new("GET", "/api/search/suggest", _ => Get("/api/search/suggest?q=mat"), 200, 200, 200, 200),
        new("POST", "/api/admin/search/reindex", _ => Json("POST", "/api/admin/search/reindex", new { }), 401, 403, 403, 200),
        // Recommendations: related videos of a private video only for those who may see it; the home feed for everyone.
        new("GET", "/api/videos/{id}/related", async c => Get($"/api/videos/{await c.VideoAsync("private")}/related"), 404, 404, 200, 200),
        new("GET", "/api/home", _ => Get("/api/home"), 200, 200, 200, 200),
        // An idle channel has no live playlist for anyone.
        new("GET", "/live/{channel}/{**path}", async c => Get($"/live/{await c.ChannelAsync()}/master.m3u8"), 404, 404, 404, 404),
        new("HEAD", "/live/{channel}/{**path}", async c => Send("HEAD", $"/live/{await c.ChannelAsync()}/master.m3u8"), 404, 404, 404, 404),
        new("OPTIONS", "/api/uploads", _ => Tus("OPTIONS", "/api/uploads"), 204, 204, 204, 204),
        new("OPTIONS", "/api/uploads/{uploadId}", _ => Tus("OPTIONS", "/api/uploads/abc"), 204, 204, 204, 204),
        new("POST", "/api/uploads", async c => TusCreate(await c.VideoAsync()), 401, 403, 201, 201),
        new("HEAD", "/api/uploads/{uploadId}", async c => Tus("HEAD", await c.UploadAsync()), 401, 403, 200, 200),
        new("PATCH", "/api/uploads/{uploadId}", async c => TusPatch("PATCH", await c.UploadAsync()), 401, 403, 204, 204),
        new("DELETE", "/api/uploads/{uploadId}", async c => Tus("DELETE", await c.UploadAsync()), 401, 403, 204, 204),
        new("POST", "/api/uploads/{uploadId}", async c => TusPatch("POST", await c.UploadAsync(), "PATCH"), 401, 403, 204, 204),
        // The Orleans Dashboard: pages, assets and its JSON views, for admins only.
        new("GET", "/admin/orleans", _ => Get("/admin/orleans/"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/index.html", _ => Get("/admin/orleans/index.html"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/favicon.ico", _ => Get("/admin/orleans/favicon.ico"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/index.min.js", _ => Get("/admin/orleans/index.min.js"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/index.css", _ => Get("/admin/orleans/index.css"), 401, 403, 403, 200),
        // Past authorization: no such asset.
        new("GET", "/admin/orleans/fonts/{**path}", _ => Get("/admin/orleans/fonts/missing.woff"), 401, 403, 403, 404),
        new("GET", "/admin/orleans/img/{**path}", _ => Get("/admin/orleans/img/missing.png"), 401, 403, 403, 404),
        new("GET", "/admin/orleans/version", _ => Get("/admin/orleans/version"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/DashboardCounters", _ => Get("/admin/orleans/DashboardCounters"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/ClusterStats", _ => Get("/admin/orleans/ClusterStats"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/Reminders", _ => Get("/admin/orleans/Reminders"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/Reminders/{page:int}", _ => Get("/admin/orleans/Reminders/1"), 401, 403, 403, 200),
        // Past authorization: a silo address no silo has, so the dashboard's own grain call fails (503).
        new("GET", "/admin/orleans/HistoricalStats/{*path}", _ => Get("/admin/orleans/HistoricalStats/127.0.0.1:1@1"), 401, 403, 403, 503),
        new("GET", "/admin/orleans/SiloProperties/{*address}", _ => Get("/admin/orleans/SiloProperties/127.0.0.1:1@1"), 401, 403, 403, 503),
        new("GET", "/admin/orleans/SiloMetadata/{*address}", _ => Get("/admin/orleans/SiloMetadata/127.0.0.1:1@1"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/SiloStats/{*address}", _ => Get("/admin/orleans/SiloStats/127.0.0.1:1@1"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/SiloCounters/{*address}", _ => Get("/admin/orleans/SiloCounters/127.0.0.1:1@1"), 401, 403, 403, 503),
        new("GET", "/admin/orleans/GrainStats/{*grainName}", _ => Get("/admin/orleans/GrainStats/VideoPlatform.Grains.Videos.VideoGrain"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/TopGrainMethods", _ => Get("/admin/orleans/TopGrainMethods"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/GrainState", _ => Get("/admin/orleans/GrainState"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/LifecycleStages", _ => Get("/admin/orleans/LifecycleStages"), 401, 403, 403, 200),
        new("GET", "/admin/orleans/GrainTypes", _ => Get("/admin/orleans/GrainTypes"), 401, 403, 403, 200),
        // The log stream is hidden (PlatformDashboard): refused even to admins.
        new("GET", "/admin/orleans/Trace", _ => Get("/admin/orleans/Trace"), 401, 403, 403, 403),
    ];

    private static HttpRequestMessage Get(string path) => Send("GET", path);

    private static HttpRequestMessage Send(string method, string path) => new(new HttpMethod(method), path);

    private static HttpRequestMessage Json(string method, string path, object body) =>
        new(new HttpMethod(method), path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Form(string path, params (string Name, string Value)[] fields) =>
        new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };

    private static HttpRequestMessage Bytes(string method, string path, string type)
    {
        var content = new ByteArrayContent(new byte[64]);
        content.Headers.ContentType = new(type);
        return new(new HttpMethod(method), path) { Content = content };
    }

    private static HttpRequestMessage Tus(string method, string path)
    {
        var request = Send(method, path);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    private static HttpRequestMessage TusCreate(string videoId)
    {
        var request = Tus("POST", "/api/uploads");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", $"videoId {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(videoId))}");
        return request;
    }

    private static HttpRequestMessage TusPatch(string method, string upload, string? overrideMethod = null)
    {
        var request = Tus(method, upload);
        request.Headers.Add("Upload-Offset", "0");
        if (overrideMethod is not null)
        {
            request.Headers.Add("X-HTTP-Method-Override", overrideMethod);
        }

        var content = new ByteArrayContent(new byte[3]);
        content.Headers.ContentType = new("application/offset+octet-stream");
        request.Content = content;
        return request;
    }

    private static object PlaybackBatch() => new
    {
        sessionId = $"matrix{Guid.NewGuid():N}",
        events = new[] { new { type = "play", at = TimeProvider.System.GetUtcNow(), position = 0 } },
    };

    private static object NewAccount()
    {
        var name = $"m{Guid.NewGuid():N}"[..14];
        return new { username = name, email = $"{name}@example.com", password = "correct-horse-battery-staple" };
    }
}

internal sealed record AuthorizationRule(
    string Method, string Pattern, Func<MatrixContext, Task<HttpRequestMessage>> Build, int Anonymous, int Other, int Owner, int Admin)
{
    public AuthorizationRule(string method, string pattern, Func<MatrixContext, HttpRequestMessage> build, int anonymous, int other, int owner, int admin)
        : this(method, pattern, c => Task.FromResult(build(c)), anonymous, other, owner, admin)
    {
    }

    public string Key => $"{Method} {Pattern}";
}
