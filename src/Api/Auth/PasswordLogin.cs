using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// Checks a name (or email) and password for both login endpoints. Refusals never tell an unknown name from a wrong
/// password: the same 401, the same hashing time, and the same throttling after repeated failures (429).
/// </summary>
public sealed class PasswordLogin(IClusterClient grains, IPasswordHasher<UserProfile> hasher, IOptions<AuthSettings> options)
{
    private static readonly UserProfile Nobody = new() { Id = "", Username = "", Email = "" };

    public async Task<Access<UserProfile>> CheckAsync(string? username, string? email, string? password)
    {
        var key = username is { Length: > 0 } ? UniqueNames.Username(AccountRules.NormalizeUsername(username))
            : email is { Length: > 0 } ? UniqueNames.Email(AccountRules.NormalizeEmail(email))
            : null;
        if (key is null)
        {
            return new(null, Unauthenticated.Result());
        }

        var throttle = grains.GetGrain<ILoginThrottleGrain>(key);
        if (await throttle.Blocked() is { } wait)
        {
            return new(null, new TooManyRequests(wait));
        }

        var userId = await grains.GetGrain<IUniqueNameGrain>(key).Owner();
        var user = userId is null ? null : grains.GetGrain<IUserGrain>(userId);
        var credentials = user is null ? null : await user.GetCredentials();
        var profile = user is null ? null : await user.Get();
        var verified = credentials is not null && profile is not null
            && hasher.VerifyHashedPassword(profile, credentials.PasswordHash, password ?? "") != PasswordVerificationResult.Failed;
        if (credentials is null)
        {
            // Hash anyway so that an unknown name costs as long as a wrong password.
            hasher.HashPassword(Nobody, password ?? "");
        }

        if (!verified)
        {
            var settings = options.Value;
            await throttle.Failed(settings.MaxFailedLogins, settings.LoginThrottleWindow);
            return new(null, Unauthenticated.Result());
        }

        await throttle.Succeeded();
        return new(profile, null);
    }
}
