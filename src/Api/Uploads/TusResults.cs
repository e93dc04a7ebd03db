using Microsoft.AspNetCore.Http.Features;
using VideoPlatform.Api.Errors;
using VideoPlatform.Grains.Uploads;

namespace VideoPlatform.Api.Uploads;

/// <summary>The HTTP shape of tus answers: status codes, codes for ProblemDetails, and the headers that go with them.</summary>
public static class TusResults
{
    public static IResult FromPatch(PatchResult result, HttpResponse response)
    {
        if (result.Upload is { } upload)
        {
            response.Headers[TusProtocol.UploadOffset] = upload.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result.Status switch
        {
            PatchStatus.Ok => WithExpiry(TypedResults.NoContent(), result.Upload, response),
            PatchStatus.NotFound => UploadNotFound(),
            PatchStatus.Gone => UploadGone(),
            PatchStatus.OffsetMismatch => ApiProblem.Conflict("offset_mismatch", "Upload-Offset does not match the upload's current offset"),
            PatchStatus.Locked => ApiProblem.Create(StatusCodes.Status423Locked, "upload_locked", "Upload busy", "Another PATCH is writing to this upload"),
            PatchStatus.TooLarge => TooLarge("The body runs past Upload-Length"),
            PatchStatus.ChecksumMismatch => ApiProblem.Create(460, "checksum_mismatch", "Checksum mismatch", "Upload-Checksum does not match the body; the chunk was discarded"),
            PatchStatus.Interrupted => ApiProblem.BadRequest("body_incomplete", "The body ended early; the bytes that arrived were kept"),
            PatchStatus.LeaseLost => ApiProblem.Conflict("lease_lost", "The upload was terminated or taken over while this PATCH was writing"),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Status, null),
        };
    }

    public static IResult UploadNotFound() =>
        ApiProblem.Create(StatusCodes.Status404NotFound, "upload_not_found", "Upload not found", "No such upload");

    public static IResult UploadGone() =>
        ApiProblem.Create(StatusCodes.Status410Gone, "upload_gone", "Upload gone", "The upload was terminated or has expired");

    public static IResult TooLarge(string detail) =>
        ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "upload_too_large", "Upload too large", detail);

    public static IResult? FromChecksumHeader(string? header, out UploadChecksum? checksum)
    {
        checksum = null;
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        return UploadChecksum.TryParse(header, out checksum) switch
        {
            UploadChecksum.ParseError.UnsupportedAlgorithm => ApiProblem.BadRequest("unsupported_checksum_algorithm", $"Supported: {TusProtocol.ChecksumAlgorithms}"),
            UploadChecksum.ParseError.Malformed => ApiProblem.BadRequest("invalid_checksum", "Upload-Checksum must be '<algorithm> <base64 digest>'"),
            _ => null,
        };
    }

    public static IResult WithExpiry(IResult result, UploadInfo? upload, HttpResponse response)
    {
        if (upload is { Status: UploadStatus.Active })
        {
            response.Headers[TusProtocol.UploadExpires] = TusProtocol.FormatExpires(upload.ExpiresAt);
        }

        return result;
    }

    /// <summary>An upload may be gigabytes: the server-wide request size limit must not cut it (the upload's own limits apply).</summary>
    public static void LiftBodySizeLimit(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }
}
