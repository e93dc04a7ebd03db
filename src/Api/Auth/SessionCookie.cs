using Microsoft.Extensions.Options;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// The web app's refresh token, kept where its script cannot read it: an HttpOnly, SameSite=Strict cookie sent only
/// to the session endpoints. The access token stays in the page's memory.
/// </summary>
public sealed class SessionCookie(IOptions<AuthSettings> options, TimeProvider time)
{
    public const string Name = "vp_refresh";
    public const string Path = "/api/auth/session";

    public string? Read(HttpRequest request) => request.Cookies.TryGetValue(Name, out var value) ? value : null;

    public void Write(HttpResponse response, string refreshToken) =>
        response.Cookies.Append(Name, refreshToken, Options(response.HttpContext.Request, time.GetUtcNow() + options.Value.RefreshTokenLifetime));

    public void Clear(HttpResponse response) => response.Cookies.Delete(Name, Options(response.HttpContext.Request, null));

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        // Browsers drop Secure cookies over plain http (a loopback development Api): secure whenever the page is.
        Secure = request.IsHttps,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };
}
