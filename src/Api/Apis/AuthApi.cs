using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Apis;

/// <summary>/api/auth: register, login, refresh (rotating), logout.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous();
        group.MapPost("/register", RegisterAsync).WithName("Register").RequireRateLimiting(AuthSetup.AuthLimit);
        group.MapPost("/login", LoginAsync).WithName("Login").RequireRateLimiting(AuthSetup.AuthLimit);
        group.MapPost("/refresh", RefreshAsync).WithName("Refresh").RequireRateLimiting(AuthSetup.AuthLimit);
        group.MapPost("/logout", LogoutAsync).WithName("Logout");
        // The OAuth2 password grant, for tools that sign in that way (the OpenAPI UI's "Authorize").
        group.MapPost("/token", TokenAsync).WithName("Token").RequireRateLimiting(AuthSetup.AuthLimit).DisableAntiforgery()
            .WithSummary("OAuth2 token endpoint (password and refresh_token grants)");
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterRequest request, IClusterClient grains, IPasswordHasher<UserProfile> hasher, IOptions<AuthSettings> options)
    {
        var settings = options.Value;
        if (AccountRules.Validate(request, settings.MinPasswordLength) is { } problem)
        {
            return ApiProblem.BadRequest(problem.Code, problem.Detail);
        }

        var username = request.Username!.Trim();
        if (AccountRoles.IsListedAdmin(username, settings))
        {
            // Admin names are reserved: whoever registered one first would otherwise become an admin.
            return ApiProblem.Conflict("username_taken", "That username is taken");
        }

        var userId = PlatformIds.New();
        var nameClaim = grains.GetGrain<IUniqueNameGrain>(UniqueNames.Username(AccountRules.NormalizeUsername(username)));
        if (await nameClaim.Claim(userId) != userId)
        {
            return ApiProblem.Conflict("username_taken", "That username is taken");
        }

        var email = AccountRules.NormalizeEmail(request.Email!);
        if (await grains.GetGrain<IUniqueNameGrain>(UniqueNames.Email(email)).Claim(userId) != userId)
        {
            await nameClaim.Release(userId);
            return ApiProblem.Conflict("email_taken", "That email is already registered");
        }

        var placeholder = new UserProfile { Id = userId, Username = username, Email = email };
        var user = await grains.GetGrain<IUserGrain>(userId).Register(new NewUser
        {
            Username = username,
            Email = email,
            PasswordHash = hasher.HashPassword(placeholder, request.Password!),
            Roles = [UserRole.Viewer, UserRole.Creator],
        });
        return TypedResults.Created($"/api/users/{user.Id}", new RegisteredResponse(user.Id, user.Username));
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, PasswordLogin login, TokenIssuer tokens, HttpContext http)
    {
        var checkedLogin = await login.CheckAsync(request.Username, request.Email, request.Password, http.Connection.RemoteIpAddress);
        return checkedLogin.Value is { } user ? TypedResults.Ok(await tokens.IssueAsync(user)) : checkedLogin.Denied!;
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, TokenIssuer tokens) =>
        await tokens.RotateAsync(request.RefreshToken) is { } response
            ? TypedResults.Ok(response)
            : Unauthenticated.Result();

    private static async Task<IResult> TokenAsync(
        [FromForm(Name = "grant_type")] string? grantType,
        [FromForm(Name = "username")] string? username,
        [FromForm(Name = "password")] string? password,
        [FromForm(Name = "refresh_token")] string? refreshToken,
        PasswordLogin login,
        TokenIssuer tokens,
        HttpContext http)
    {
        switch (grantType)
        {
            case "password":
                // Usernames cannot hold '@', so one field takes either.
                var byEmail = username?.Contains('@', StringComparison.Ordinal) == true;
                var checkedLogin = await login.CheckAsync(byEmail ? null : username, byEmail ? username : null, password, http.Connection.RemoteIpAddress);
                return checkedLogin.Value is { } user ? OAuth(await tokens.IssueAsync(user)) : checkedLogin.Denied!;
            case "refresh_token":
                return await tokens.RotateAsync(refreshToken) is { } rotated ? OAuth(rotated) : Unauthenticated.Result();
            default:
                return ApiProblem.BadRequest("unsupported_grant_type", "grant_type must be 'password' or 'refresh_token'");
        }
    }

    private static Ok<OAuthTokenResponse> OAuth(TokenResponse tokens) =>
        TypedResults.Ok(new OAuthTokenResponse(tokens.AccessToken, "Bearer", tokens.ExpiresIn, tokens.RefreshToken));

    private static async Task<IResult> LogoutAsync(RefreshRequest request, TokenIssuer tokens)
    {
        if (request.RefreshToken is { Length: > 0 and < 200 } token)
        {
            await tokens.RevokeAsync(token);
        }

        return TypedResults.NoContent();
    }
}
