using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Uploads;

/// <summary>POST /api/uploads: creation, and creation-with-upload when the POST carries the first bytes.</summary>
public static class UploadCreation
{
    public static async Task<IResult> CreateAsync(
        HttpContext http, ResourceAccess access, IClusterClient client, PatchProcessor processor, IOptions<UploadSettings> options,
        IOptions<QuotaSettings> quotas)
    {
        var request = http.Request;
        var settings = options.Value;
        if (request.Headers.ContainsKey(TusProtocol.UploadDeferLength))
        {
            return ApiProblem.BadRequest("defer_length_unsupported", "Upload-Length must be known at creation");
        }

        if (!TusProtocol.TryParseSize(request.Headers[TusProtocol.UploadLength], out var length))
        {
            return ApiProblem.BadRequest("invalid_upload_length", "Upload-Length must be a non-negative integer");
        }

        if (length == 0)
        {
            return ApiProblem.BadRequest("empty", "An upload needs at least one byte");
        }

        if (length > settings.MaxSize)
        {
            return TusResults.TooLarge($"Upload-Length {length} is over the maximum of {settings.MaxSize} bytes");
        }

        string? metadataHeader = request.Headers[TusProtocol.UploadMetadata];
        if (!UploadMetadata.TryParse(metadataHeader, out var metadata, out var metadataError))
        {
            return ApiProblem.BadRequest("invalid_metadata", $"Upload-Metadata: {metadataError}");
        }

        if (metadata["videoId"] is not { Length: > 0 } videoId)
        {
            return ApiProblem.BadRequest("video_id_required", "Upload-Metadata must carry videoId (create the video first)");
        }

        var withBody = TusProtocol.IsOffsetContentType(request.ContentType);
        if (TusResults.FromChecksumHeader(request.Headers[TusProtocol.UploadChecksum], out var checksum) is { } badChecksum)
        {
            return badChecksum;
        }

        if (!PlatformIds.IsWellFormed(videoId))
        {
            return ApiProblem.NotFound("Video", videoId);
        }

        if ((await access.VideoAsync(videoId, http.User, VideoAction.Manage)).Denied is { } denied)
        {
            return denied;
        }

        var uploadId = PlatformIds.NewUpload();
        var grain = client.GetGrain<IUploadGrain>(uploadId);
        UploadInfo upload;
        try
        {
            upload = await grain.Create(new CreateUpload
            {
                VideoId = videoId,
                Length = length,
                Metadata = metadataHeader,
                FileName = metadata["filename"] ?? metadata["name"],
                FileType = metadata["filetype"] ?? metadata["type"],
                Expiration = settings.Expiration,
                Limits = quotas.Value.For(http.User),
            });
        }
        catch (VideoNotFoundException)
        {
            return ApiProblem.NotFound("Video", videoId);
        }
        catch (IllegalTransitionException ex)
        {
            return ApiProblem.Conflict("video_not_awaiting_upload", ex.Message);
        }

        var location = $"{request.PathBase}/api/uploads/{uploadId}";
        if (withBody)
        {
            TusResults.LiftBodySizeLimit(http);
            var result = await processor.ApplyAsync(grain, 0, request, checksum);
            upload = result.Upload ?? upload;
            http.Response.Headers[TusProtocol.UploadOffset] = upload.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TusResults.WithExpiry(TypedResults.Created(location), upload, http.Response);
    }
}
