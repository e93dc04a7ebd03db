using System.Security.Cryptography;
using System.Text;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Channels;

/// <summary>Stream keys: 192 random bits as base64url (32 characters of [A-Za-z0-9_-]), kept only as SHA-256.</summary>
public static class StreamKeys
{
    public const int RandomBytes = 24;

    public static string New() => PlatformIds.Random(RandomBytes);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The key index grain's id for a hash.</summary>
    public static string IndexId(byte[] hash) => Convert.ToHexStringLower(hash);

    public static bool Matches(byte[]? stored, byte[] presented) =>
        stored is { Length: 32 } && presented.Length == 32 && CryptographicOperations.FixedTimeEquals(stored, presented);
}
