namespace VideoPlatform.Grains.Users;

/// <summary>
/// One login's chain of rotating refresh tokens, keyed by family id. Only SHA-256 hashes of tokens are stored.
/// Presenting a token that was already rotated away means it leaked: the whole family is revoked.
/// </summary>
[Alias("VideoPlatform.IRefreshTokenFamilyGrain")]
public interface IRefreshTokenFamilyGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task Start(string userId, string tokenHash, DateTimeOffset expiresAt);

    /// <summary>The user id when <paramref name="presentedHash"/> is the current token (now replaced by <paramref name="nextHash"/>); null otherwise.</summary>
    [Alias("Rotate")]
    Task<string?> Rotate(string presentedHash, string nextHash, DateTimeOffset nextExpiresAt);

    /// <summary>Revokes the family when <paramref name="presentedHash"/> belongs to it.</summary>
    [Alias("Revoke")]
    Task Revoke(string presentedHash);
}
