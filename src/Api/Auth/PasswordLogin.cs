using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// Checks a name (or email) and password for both login endpoints. Refusals never tell an unknown name from a wrong
/// password: the same 401, the same hashing time, and the same throttling after repeated failures (429).
/// Failures count per (account, client IP) and, with a higher ceiling, per account: a stranger guessing from one
/// address cannot lock the owner out, and the username and email of one account share their counts.
/// </summary>
public sealed class PasswordLogin(IClusterClient grains, IPasswordHasher<UserProfile> hasher, IOptions<AuthSettings> options)
{
    private static readonly UserProfile Nobody = new() { Id = "", Username = "", Email = "" };

    public async Task<Access<UserProfile>> CheckAsync(string? username, string? email, string? password, IPAddress? client)
    {
        var nameKey = username is { Length: > 0 } ? UniqueNames.Username(AccountRules.NormalizeUsername(username))
            : email is { Length: > 0 } ? UniqueNames.Email(AccountRules.NormalizeEmail(email))
            : null;
        if (nameKey is null)
        {
            return new(null, Unauthenticated.Result());
        }

        var userId = await grains.GetGrain<IUniqueNameGrain>(nameKey).Owner();
        var throttle = new LoginThrottle(grains, userId is null ? nameKey : $"user/{userId}", client);
        if (await throttle.BlockedAsync() is { } wait)
        {
            return new(null, new TooManyRequests(wait));
        }

        var user = userId is null ? null : grains.GetGrain<IUserGrain>(userId);
        var credentials = user is null ? null : await user.GetCredentials();
        var profile = user is null ? null : await user.Get();
        var result = credentials is not null && profile is not null
            ? hasher.VerifyHashedPassword(profile, credentials.PasswordHash, password ?? "")
            : PasswordVerificationResult.Failed;
        if (credentials is null)
        {
            // Hash anyway so that an unknown name costs as long as a wrong password.
            hasher.HashPassword(Nobody, password ?? "");
        }

        if (result == PasswordVerificationResult.Failed)
        {
            await throttle.FailedAsync(options.Value);
            return new(null, Unauthenticated.Result());
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Older parameters (fewer iterations, or SHA-256): replace the hash unless it changed meanwhile.
            await user!.ReplacePasswordHash(credentials!.PasswordHash, hasher.HashPassword(profile!, password!));
        }

        await throttle.SucceededAsync();
        return new(profile, null);
    }
}
