using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Auth;

/// <summary>Access tokens (JWT HS256) and rotating refresh tokens <c>{familyId}.{secret}</c> (only their hash is stored).</summary>
public sealed class TokenIssuer(SigningKeys keys, IOptions<AuthSettings> options, IClusterClient grains, TimeProvider time)
{
    private readonly AuthSettings settings = options.Value;

    public async Task<string> AccessTokenAsync(UserProfile user, DateTimeOffset? issuedAt = null)
    {
        var now = issuedAt ?? time.GetUtcNow();
        var claims = new List<Claim> { new(Caller.IdClaim, user.Id), new(Caller.NameClaim, user.Username) };
        claims.AddRange(AccountRoles.Of(user, settings).Select(r => new Claim(Caller.RoleClaim, r.ToString().ToLowerInvariant())));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + settings.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(await keys.EnsureAsync(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async Task<TokenResponse> IssueAsync(UserProfile user)
    {
        var family = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var refresh = NewRefreshToken(family);
        var now = time.GetUtcNow();
        await grains.GetGrain<IRefreshTokenFamilyGrain>(family)
            .Start(user.Id, Hash(refresh), now + settings.RefreshTokenLifetime, now + settings.RefreshAbsoluteLifetime);
        return await ResponseAsync(user, refresh);
    }

    /// <summary>Null when the token is missing, unknown, expired, revoked or was already used (then its family is revoked).</summary>
    public async Task<TokenResponse?> RotateAsync(string? presented)
    {
        if (presented is not { Length: < 200 } || Family(presented) is not { } family)
        {
            return null;
        }

        var next = NewRefreshToken(family);
        var userId = await grains.GetGrain<IRefreshTokenFamilyGrain>(family)
            .Rotate(Hash(presented), Hash(next), time.GetUtcNow() + settings.RefreshTokenLifetime, settings.UsedRefreshTokensKept);
        var user = userId is null ? null : await grains.GetGrain<IUserGrain>(userId).Get();
        return user is null ? null : await ResponseAsync(user, next);
    }

    public Task RevokeAsync(string presented) =>
        Family(presented) is { } family ? grains.GetGrain<IRefreshTokenFamilyGrain>(family).Revoke(Hash(presented)) : Task.CompletedTask;

    private async Task<TokenResponse> ResponseAsync(UserProfile user, string refresh) => new(
        await AccessTokenAsync(user), refresh, (int)settings.AccessTokenLifetime.TotalSeconds, new UserRef(user.Id, user.Username));

    private static string NewRefreshToken(string family) => $"{family}.{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}";

    private static string? Family(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return dot is > 0 and <= 64 && token[..dot].All(char.IsAsciiHexDigitLower) ? token[..dot] : null;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}

public sealed record UserRef(string Id, string Username);

public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, UserRef User);
