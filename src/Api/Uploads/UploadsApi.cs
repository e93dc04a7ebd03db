using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Errors;
using VideoPlatform.Grains.Uploads;

namespace VideoPlatform.Api.Uploads;

/// <summary>tus 1.0 at /api/uploads: core, creation, creation-with-upload, termination, checksum, expiration.</summary>
public static class UploadsApi
{
    public const string CorsPolicy = "tus";

    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/uploads")
            .RequireCors(CorsPolicy)
            .AddEndpointFilter<TusResumableFilter>()
            .WithTags("Uploads");
        group.MapMethods("/", [HttpMethods.Options], Discover);
        group.MapMethods("/{uploadId}", [HttpMethods.Options], Discover);
        group.MapPost("/", UploadCreation.CreateAsync);
        group.MapMethods("/{uploadId}", [HttpMethods.Head], HeadAsync);
        group.MapMethods("/{uploadId}", [HttpMethods.Patch], PatchAsync);
        group.MapDelete("/{uploadId}", DeleteAsync);
        group.MapPost("/{uploadId}", OverrideAsync);
        return app;
    }

    private static NoContent Discover(HttpResponse response, IOptions<UploadSettings> options)
    {
        response.Headers[TusProtocol.TusVersion] = TusProtocol.Version;
        response.Headers[TusProtocol.TusExtension] = TusProtocol.Extensions;
        response.Headers[TusProtocol.TusMaxSize] = options.Value.MaxSize.ToString(CultureInfo.InvariantCulture);
        response.Headers[TusProtocol.TusChecksumAlgorithm] = TusProtocol.ChecksumAlgorithms;
        return TypedResults.NoContent();
    }

    private static async Task<IResult> HeadAsync(string uploadId, HttpResponse response, IClusterClient client)
    {
        response.Headers.CacheControl = "no-store";
        var upload = UploadIds.IsValid(uploadId) ? await client.GetGrain<IUploadGrain>(uploadId).Get() : null;
        if (upload is null)
        {
            return TusResults.UploadNotFound();
        }

        if (UploadStateMachine.IsGone(upload.Status))
        {
            return TusResults.UploadGone();
        }

        response.Headers[TusProtocol.UploadOffset] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers[TusProtocol.UploadLength] = upload.Length.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(upload.Metadata))
        {
            response.Headers[TusProtocol.UploadMetadata] = upload.Metadata;
        }

        return TusResults.WithExpiry(TypedResults.Ok(), upload, response);
    }

    private static async Task<IResult> PatchAsync(string uploadId, HttpContext http, IClusterClient client, PatchProcessor processor)
    {
        var request = http.Request;
        if (!TusProtocol.IsOffsetContentType(request.ContentType))
        {
            return ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported_content_type", "Unsupported content type",
                $"PATCH bodies must be {TusProtocol.OffsetContentType}");
        }

        if (!TusProtocol.TryParseSize(request.Headers[TusProtocol.UploadOffset], out var offset))
        {
            return ApiProblem.BadRequest("invalid_upload_offset", "Upload-Offset must be a non-negative integer");
        }

        if (TusResults.FromChecksumHeader(request.Headers[TusProtocol.UploadChecksum], out var checksum) is { } badChecksum)
        {
            return badChecksum;
        }

        if (!UploadIds.IsValid(uploadId))
        {
            return TusResults.UploadNotFound();
        }

        TusResults.LiftBodySizeLimit(http);
        var result = await processor.ApplyAsync(client.GetGrain<IUploadGrain>(uploadId), offset, request.ContentLength, request.Body, checksum);
        return TusResults.FromPatch(result, http.Response);
    }

    private static async Task<IResult> DeleteAsync(string uploadId, IClusterClient client)
    {
        var before = UploadIds.IsValid(uploadId) ? await client.GetGrain<IUploadGrain>(uploadId).Terminate() : null;
        return before switch
        {
            null => TusResults.UploadNotFound(),
            { } status when UploadStateMachine.IsGone(status) => TusResults.UploadGone(),
            // A completed upload's bytes are the video's source now: nothing of the upload is left to free.
            _ => TypedResults.NoContent(),
        };
    }

    /// <summary>X-HTTP-Method-Override: clients behind proxies that only pass GET/POST send PATCH and DELETE as POST.</summary>
    private static Task<IResult> OverrideAsync(string uploadId, HttpContext http, IClusterClient client, PatchProcessor processor)
    {
        string? method = http.Request.Headers[TusProtocol.MethodOverride];
        if (HttpMethods.IsPatch(method ?? ""))
        {
            return PatchAsync(uploadId, http, client, processor);
        }

        return HttpMethods.IsDelete(method ?? "")
            ? DeleteAsync(uploadId, client)
            : Task.FromResult(ApiProblem.Create(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "Method not allowed",
                $"POST to an upload needs {TusProtocol.MethodOverride}: PATCH or DELETE"));
    }
}
