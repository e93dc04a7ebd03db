using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Videos;
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
        var userId = VideoIds.New();
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

        var admin = settings.Admins.Contains(username, StringComparer.OrdinalIgnoreCase);
        var placeholder = new UserProfile { Id = userId, Username = username, Email = email };
        var user = await grains.GetGrain<IUserGrain>(userId).Register(new NewUser
        {
            Username = username,
            Email = email,
            PasswordHash = hasher.HashPassword(placeholder, request.Password!),
            Roles = admin ? [UserRole.Viewer, UserRole.Creator, UserRole.Admin] : [UserRole.Viewer, UserRole.Creator],
        });
        return TypedResults.Created($"/api/users/{user.Id}", new RegisteredResponse(user.Id, user.Username));
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, IClusterClient grains, IPasswordHasher<UserProfile> hasher, TokenIssuer tokens)
    {
        var key = request.Username is { Length: > 0 } name ? UniqueNames.Username(AccountRules.NormalizeUsername(name))
            : request.Email is { Length: > 0 } email ? UniqueNames.Email(AccountRules.NormalizeEmail(email))
            : null;
        var userId = key is null ? null : await grains.GetGrain<IUniqueNameGrain>(key).Owner();
        var user = userId is null ? null : grains.GetGrain<IUserGrain>(userId);
        var credentials = user is null ? null : await user.GetCredentials();
        var profile = user is null ? null : await user.Get();
        if (credentials is null || profile is null)
        {
            // Hash anyway so that an unknown name costs as long as a wrong password.
            hasher.HashPassword(new UserProfile { Id = "", Username = "", Email = "" }, request.Password ?? "");
            return Unauthenticated.Result();
        }

        var verified = !credentials.Throttled
            && hasher.VerifyHashedPassword(profile, credentials.PasswordHash, request.Password ?? "") != PasswordVerificationResult.Failed;
        if (!credentials.Throttled)
        {
            await user!.RecordLogin(verified);
        }

        return verified ? TypedResults.Ok(await tokens.IssueAsync(profile)) : Unauthenticated.Result();
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, TokenIssuer tokens) =>
        request.RefreshToken is { Length: > 0 and < 200 } token && await tokens.RotateAsync(token) is { } response
            ? TypedResults.Ok(response)
            : Unauthenticated.Result();

    private static async Task<IResult> LogoutAsync(RefreshRequest request, TokenIssuer tokens)
    {
        if (request.RefreshToken is { Length: > 0 and < 200 } token)
        {
            await tokens.RevokeAsync(token);
        }

        return TypedResults.NoContent();
    }
}
