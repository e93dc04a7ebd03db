using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// An account's roles as tokens and /api/me show them. Admin comes only from <see cref="AuthSettings.Admins"/>, read
/// when a token is issued, never from what was stored at registration: names on that list cannot be registered, so
/// only an account that existed before the operator listed it can be an admin, and unlisting it takes effect at the
/// next token.
/// </summary>
public static class AccountRoles
{
    public static bool IsListedAdmin(string username, AuthSettings settings) =>
        settings.Admins.Contains(username.Trim(), StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<UserRole> Of(UserProfile user, AuthSettings settings) =>
        [.. user.Roles.Where(r => r != UserRole.Admin), .. IsListedAdmin(user.Username, settings) ? [UserRole.Admin] : Array.Empty<UserRole>()];
}
