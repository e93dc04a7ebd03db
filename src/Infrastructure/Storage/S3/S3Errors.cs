using System.Net;
using Amazon.S3;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.S3;

internal static class S3Errors
{
    /// <summary>A missing object (HEAD answers a bare 404 without a code), not a missing bucket or upload.</summary>
    public static bool IsMissingObject(AmazonS3Exception ex) =>
        ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode is null or "NoSuchKey" or "NotFound";

    public static bool IsMissingUpload(AmazonS3Exception ex) => ex.ErrorCode == "NoSuchUpload";

    public static bool IsInvalidRange(AmazonS3Exception ex) =>
        ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable || ex.ErrorCode == "InvalidRange";

    public static bool IsRejectedCompletion(AmazonS3Exception ex) =>
        ex.ErrorCode is "InvalidPart" or "InvalidPartOrder" or "EntityTooSmall";

    /// <summary>S3 quotes ETags as HTTP does; the store contract hands them out unquoted.</summary>
    public static string Unquote(string? etag) => etag?.Trim('"') ?? "";
}
