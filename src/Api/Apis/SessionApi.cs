using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;

namespace VideoPlatform.Api.Apis;

/// <summary>
/// /api/auth/session: sign-in for the web app. Like login and refresh, but the refresh token travels only in an
/// HttpOnly cookie (<see cref="SessionCookie"/>) and the body carries the access token alone.
/// </summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SessionCookie.Path).WithTags("Auth").AllowAnonymous();
        group.MapPost("/", StartAsync).WithName("StartSession").RequireRateLimiting(AuthSetup.AuthLimit)
            .WithSummary("Sign in; the refresh token is set as an HttpOnly cookie");
        group.MapPost("/refresh", RefreshAsync).WithName("RefreshSession").RequireRateLimiting(AuthSetup.AuthLimit)
            .WithSummary("A new access token from the session cookie (which rotates)");
        group.MapDelete("/", EndAsync).WithName("EndSession").WithSummary("Sign out: revokes the session and clears its cookie");
        return app;
    }

    private static async Task<IResult> StartAsync(LoginRequest request, PasswordLogin login, TokenIssuer tokens, SessionCookie cookie, HttpContext http)
    {
        var checkedLogin = await login.CheckAsync(request.Username, request.Email, request.Password, http.Connection.RemoteIpAddress);
        return checkedLogin.Value is { } user ? Started(await tokens.IssueAsync(user), cookie, http) : checkedLogin.Denied!;
    }

    private static async Task<IResult> RefreshAsync(TokenIssuer tokens, SessionCookie cookie, HttpContext http)
    {
        if (await tokens.RotateAsync(cookie.Read(http.Request)) is { } rotated)
        {
            return Started(rotated, cookie, http);
        }

        cookie.Clear(http.Response);
        return Unauthenticated.Result();
    }

    private static async Task<IResult> EndAsync(TokenIssuer tokens, SessionCookie cookie, HttpContext http)
    {
        if (cookie.Read(http.Request) is { Length: > 0 and < 200 } token)
        {
            await tokens.RevokeAsync(token);
        }

        cookie.Clear(http.Response);
        return TypedResults.NoContent();
    }

    private static Ok<SessionResponse> Started(TokenResponse tokens, SessionCookie cookie, HttpContext http)
    {
        cookie.Write(http.Response, tokens.RefreshToken);
        return TypedResults.Ok(new SessionResponse(tokens.AccessToken, tokens.ExpiresIn, tokens.User));
    }
}
