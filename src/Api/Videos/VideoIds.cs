using System.Buffers.Text;
using System.Security.Cryptography;

namespace VideoPlatform.Api.Videos;

/// <summary>Short URL-safe ids: 11 characters of base64url over 64 random bits.</summary>
public static class VideoIds
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(8));

    /// <summary>True for strings that could be an id this platform issued (cheap guard before touching grains).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
