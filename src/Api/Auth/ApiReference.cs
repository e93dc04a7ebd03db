using Scalar.AspNetCore;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// The OpenAPI UI (Scalar) at <see cref="Path"/>: its Authorize panel signs in with a username and password through
/// the OAuth2 password grant of POST /api/auth/token, or takes a pasted access token.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, o => o
            .WithTitle("VideoPlatform API")
            .AddPreferredSecuritySchemes(BearerSecurityScheme.OAuth2)
            .AddPasswordFlow(BearerSecurityScheme.OAuth2, flow => flow.WithTokenUrl(BearerSecurityScheme.TokenUrl))
            .EnablePersistentAuthentication())
            .AllowAnonymous();
        return app;
    }
}
