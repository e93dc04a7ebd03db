namespace VideoPlatform.Grains.Users;

/// <summary>
/// One login's chain of rotating refresh tokens, keyed by family id. Only SHA-256 hashes of tokens are stored.
/// Presenting a token that was already rotated away means it leaked: the whole family is revoked. A family ends at
/// its absolute expiry however often it is refreshed.
/// </summary>
[Alias("VideoPlatform.IRefreshTokenFamilyGrain")]
public interface IRefreshTokenFamilyGrain : IGrainWithStringKey
{
    [Alias("StartWithin")]
    Task Start(string userId, string tokenHash, DateTimeOffset expiresAt, DateTimeOffset absoluteExpiresAt);

    /// <summary>
    /// The user id when <paramref name="presentedHash"/> is the current token (now replaced by <paramref name="nextHash"/>,
    /// valid until <paramref name="nextExpiresAt"/> or the family's absolute expiry, whichever is first); null otherwise.
    /// The newest <paramref name="usedKept"/> rotated-away hashes are remembered for replay detection.
    /// </summary>
    [Alias("RotateBounded")]
    Task<string?> Rotate(string presentedHash, string nextHash, DateTimeOffset nextExpiresAt, int usedKept);

    /// <summary>Revokes the family when <paramref name="presentedHash"/> belongs to it.</summary>
    [Alias("Revoke")]
    Task Revoke(string presentedHash);
}
