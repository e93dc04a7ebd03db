using System.Buffers.Text;
using System.Security.Cryptography;

namespace VideoPlatform.Api.Uploads;

/// <summary>Upload ids: 128 random bits, base64url (22 characters), safe in URLs and object keys.</summary>
public static class UploadIds
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? id) => id is { Length: 22 } && IsSafe(id);

    /// <summary>A short URL-safe id (videos too): what may go into an object key segment.</summary>
    public static bool IsSafe(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
