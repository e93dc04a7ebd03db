using System.Security.Cryptography;
using System.Text;

namespace VideoPlatform.Grains.Users;

[GenerateSerializer, Alias("VideoPlatform.RefreshTokenFamilyState")]
public sealed class RefreshTokenFamilyState
{
    [Id(0)] public string? UserId { get; set; }
    [Id(1)] public string CurrentHash { get; set; } = "";
    /// <summary>Unordered hashes of families started before <see cref="Used"/> existed; moved there on the next rotation.</summary>
    [Id(2)] public HashSet<string> UsedHashes { get; set; } = [];
    [Id(3)] public bool Revoked { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Default for families started before the absolute lifetime existed: they stop sliding at their next rotation.</summary>
    [Id(5)] public DateTimeOffset AbsoluteExpiresAt { get; set; }
    /// <summary>Rotated-away hashes, oldest first, bounded.</summary>
    [Id(6)] public List<string> Used { get; set; } = [];
}

public sealed class RefreshTokenFamilyGrain(
    [PersistentState("refresh")] IPersistentState<RefreshTokenFamilyState> state, TimeProvider time) : Grain, IRefreshTokenFamilyGrain
{
    private RefreshTokenFamilyState S => state.State;

    public async Task Start(string userId, string tokenHash, DateTimeOffset expiresAt, DateTimeOffset absoluteExpiresAt)
    {
        if (S.UserId is not null)
        {
            throw new InvalidOperationException("Refresh token family already started");
        }

        S.UserId = userId;
        S.CurrentHash = tokenHash;
        S.AbsoluteExpiresAt = absoluteExpiresAt;
        S.ExpiresAt = Min(expiresAt, absoluteExpiresAt);
        await state.WriteStateAsync();
    }

    public async Task<string?> Rotate(string presentedHash, string nextHash, DateTimeOffset nextExpiresAt, int usedKept)
    {
        if (S.UserId is null || S.Revoked)
        {
            return null;
        }

        if (!Same(presentedHash, S.CurrentHash))
        {
            if (WasUsed(presentedHash))
            {
                S.Revoked = true;
                await state.WriteStateAsync();
            }

            return null;
        }

        if (S.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        if (S.AbsoluteExpiresAt == default)
        {
            S.AbsoluteExpiresAt = S.ExpiresAt;
        }

        S.Used.AddRange(S.UsedHashes);
        S.UsedHashes.Clear();
        S.Used.Add(S.CurrentHash);
        S.Used.RemoveRange(0, Math.Max(0, S.Used.Count - Math.Max(1, usedKept)));
        S.CurrentHash = nextHash;
        S.ExpiresAt = Min(nextExpiresAt, S.AbsoluteExpiresAt);
        await state.WriteStateAsync();
        return S.UserId;
    }

    public async Task Revoke(string presentedHash)
    {
        if (S.UserId is not null && !S.Revoked && (Same(presentedHash, S.CurrentHash) || WasUsed(presentedHash)))
        {
            S.Revoked = true;
            await state.WriteStateAsync();
        }
    }

    private bool WasUsed(string hash) => S.Used.Contains(hash) || S.UsedHashes.Contains(hash);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
