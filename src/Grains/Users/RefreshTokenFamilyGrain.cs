using System.Security.Cryptography;
using System.Text;

namespace VideoPlatform.Grains.Users;

[GenerateSerializer, Alias("VideoPlatform.RefreshTokenFamilyState")]
public sealed class RefreshTokenFamilyState
{
    [Id(0)] public string? UserId { get; set; }
    [Id(1)] public string CurrentHash { get; set; } = "";
    [Id(2)] public HashSet<string> UsedHashes { get; set; } = [];
    [Id(3)] public bool Revoked { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
}

public sealed class RefreshTokenFamilyGrain(
    [PersistentState("refresh")] IPersistentState<RefreshTokenFamilyState> state, TimeProvider time) : Grain, IRefreshTokenFamilyGrain
{
    private RefreshTokenFamilyState S => state.State;

    public async Task Start(string userId, string tokenHash, DateTimeOffset expiresAt)
    {
        if (S.UserId is not null)
        {
            throw new InvalidOperationException("Refresh token family already started");
        }

        S.UserId = userId;
        S.CurrentHash = tokenHash;
        S.ExpiresAt = expiresAt;
        await state.WriteStateAsync();
    }

    public async Task<string?> Rotate(string presentedHash, string nextHash, DateTimeOffset nextExpiresAt)
    {
        if (S.UserId is null || S.Revoked)
        {
            return null;
        }

        if (!Same(presentedHash, S.CurrentHash))
        {
            if (S.UsedHashes.Contains(presentedHash))
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

        S.UsedHashes.Add(S.CurrentHash);
        S.CurrentHash = nextHash;
        S.ExpiresAt = nextExpiresAt;
        await state.WriteStateAsync();
        return S.UserId;
    }

    public async Task Revoke(string presentedHash)
    {
        if (S.UserId is not null && !S.Revoked && (Same(presentedHash, S.CurrentHash) || S.UsedHashes.Contains(presentedHash)))
        {
            S.Revoked = true;
            await state.WriteStateAsync();
        }
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
