using System.Globalization;

namespace VideoPlatform.Api.Uploads;

/// <summary>tus 1.0 names and the parsing of its numeric headers: pure, no I/O.</summary>
public static class TusProtocol
{
    public const string Version = "1.0.0";
    public const string Extensions = "creation,creation-with-upload,termination,checksum,expiration";
    public const string ChecksumAlgorithms = "sha1,sha256";
    public const string OffsetContentType = "application/offset+octet-stream";

    public const string TusResumable = "Tus-Resumable";
    public const string TusVersion = "Tus-Version";
    public const string TusExtension = "Tus-Extension";
    public const string TusMaxSize = "Tus-Max-Size";
    public const string TusChecksumAlgorithm = "Tus-Checksum-Algorithm";
    public const string UploadLength = "Upload-Length";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadChecksum = "Upload-Checksum";
    public const string UploadExpires = "Upload-Expires";
    public const string UploadDeferLength = "Upload-Defer-Length";
    public const string MethodOverride = "X-HTTP-Method-Override";

    /// <summary>Request headers a browser client sends (CORS allow list).</summary>
    public static readonly string[] RequestHeaders =
        [TusResumable, UploadLength, UploadOffset, UploadMetadata, UploadChecksum, UploadDeferLength, "Upload-Concat", MethodOverride,
         "Content-Type", "Authorization", "X-Requested-With"];

    /// <summary>Response headers a browser client must be able to read (CORS expose list).</summary>
    public static readonly string[] ResponseHeaders =
        ["Location", UploadOffset, UploadLength, UploadMetadata, TusResumable, TusVersion, TusMaxSize, TusExtension, UploadExpires];

    /// <summary>A non-negative decimal integer and nothing else (no sign, no spaces), as Upload-Length/Offset require.</summary>
    public static bool TryParseSize(string? value, out long size)
    {
        size = 0;
        return !string.IsNullOrEmpty(value)
            && value.Length <= 19
            && value.All(char.IsAsciiDigit)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }

    public static bool IsOffsetContentType(string? contentType) =>
        contentType is not null
        && contentType.Split(';', 2)[0].Trim().Equals(OffsetContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Upload-Expires is an HTTP date (RFC 9110 IMF-fixdate).</summary>
    public static string FormatExpires(DateTimeOffset at) => at.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
}
