using System.Security.Claims;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Auth;

/// <summary>The authenticated caller as the endpoints see it (claims of the access token).</summary>
public static class Caller
{
    public const string IdClaim = "sub";
    public const string NameClaim = "name";
    public const string RoleClaim = "role";

    public static string? IdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst(IdClaim)?.Value : null;

    public static bool IsAdmin(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(RoleClaim, nameof(UserRole.Admin).ToLowerInvariant());
}
