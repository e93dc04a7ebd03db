using System.Security.Cryptography;

namespace VideoPlatform.Api.Uploads;

/// <summary>The Upload-Checksum header (<c>sha1|sha256 base64digest</c>) of a PATCH, checked over that PATCH's body.</summary>
public sealed record UploadChecksum(HashAlgorithmName Algorithm, byte[] Digest)
{
    public enum ParseError
    {
        None,
        Malformed,
        UnsupportedAlgorithm,
    }

    public static ParseError TryParse(string? header, out UploadChecksum? checksum)
    {
        checksum = null;
        var parts = header?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (parts.Length != 2)
        {
            return ParseError.Malformed;
        }

        var (algorithm, size) = parts[0].ToLowerInvariant() switch
        {
            "sha1" => (HashAlgorithmName.SHA1, SHA1.HashSizeInBytes),
            "sha256" => (HashAlgorithmName.SHA256, SHA256.HashSizeInBytes),
            _ => (default, 0),
        };
        if (size == 0)
        {
            return ParseError.UnsupportedAlgorithm;
        }

        var digest = new byte[size + 3];
        if (!Convert.TryFromBase64String(parts[1], digest, out var written) || written != size)
        {
            return ParseError.Malformed;
        }

        checksum = new UploadChecksum(algorithm, digest[..size]);
        return ParseError.None;
    }

    public IncrementalHash CreateHash() => IncrementalHash.CreateHash(Algorithm);

    /// <summary>Finishes <paramref name="hash"/> and compares it in constant time.</summary>
    public bool Matches(IncrementalHash hash) => CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), Digest);
}
