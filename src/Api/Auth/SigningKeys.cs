using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// The HS256 key for access tokens (and, derived from it, the playback-token key): from configuration, or a
/// random key generated on first start and persisted by a grain so that every Api instance and restart agrees.
/// </summary>
public sealed class SigningKeys(IOptions<AuthSettings> options, IClusterClient grains)
{
    public const string DevKeyName = "auth/signing-key";
    private byte[]? key;

    /// <summary>Null until <see cref="EnsureAsync"/> has run once.</summary>
    public SymmetricSecurityKey? Current => key is null ? null : new SymmetricSecurityKey(key) { KeyId = "vp1" };

    public async Task<SymmetricSecurityKey> EnsureAsync()
    {
        if (key is null)
        {
            var configured = options.Value.SigningKey;
            key = string.IsNullOrEmpty(configured)
                ? await grains.GetGrain<ISecretGrain>(DevKeyName).GetOrCreate(32)
                : Encoding.UTF8.GetBytes(configured);
            if (key.Length < 32)
            {
                throw new InvalidOperationException($"{AuthSettings.Section}:SigningKey must be at least 32 bytes");
            }
        }

        return Current!;
    }
}
