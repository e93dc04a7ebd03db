using System.Buffers.Text;
using System.Security.Cryptography;

namespace VideoPlatform.Grains.Platform;

/// <summary>
/// Every id the platform mints, and the one format check for them: random bytes as base64url, so an id is safe in a
/// URL and as one object-key segment. Videos, users, channels and live sessions get 64 bits (11 characters); an upload
/// id gets 128 (22 characters) because its URL is what a resuming client holds on to.
/// </summary>
public static class PlatformIds
{
    public const int MaxLength = 64;
    private const int ShortBytes = 8;
    private const int UploadBytes = 16;
    private static readonly int UploadLength = Base64Url.GetEncodedLength(UploadBytes);

    /// <summary>A new video, user, channel or live-session id.</summary>
    public static string New() => Random(ShortBytes);

    public static string NewUpload() => Random(UploadBytes);

    /// <summary><paramref name="bytes"/> random bytes as base64url (also the shape of stream keys).</summary>
    public static string Random(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>True for strings that could be an id this platform issued (a cheap guard before touching grains or keys).</summary>
    public static bool IsWellFormed(string? id) => IsUrlSafe(id, MaxLength);

    public static bool IsUpload(string? id) => id?.Length == UploadLength && IsWellFormed(id);

    /// <summary>1 to <paramref name="maxLength"/> characters of the base64url alphabet (ids and stream keys).</summary>
    public static bool IsUrlSafe(string? value, int maxLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
