using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using System.Security.Claims;
using VideoPlatform.Api.Auth;
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
        group.MapMethods("/", [HttpMethods.Options], Discover).WithName("DiscoverUploads");
        group.MapMethods("/{uploadId}", [HttpMethods.Options], Discover).WithName("DiscoverUpload");
        group.MapPost("/", UploadCreation.CreateAsync).WithName("CreateUpload").RequireAuthorization().RequireRateLimiting(AuthSetup.UploadLimit);
        group.MapMethods("/{uploadId}", [HttpMethods.Head], HeadAsync).WithName("UploadOffset").RequireAuthorization();
        group.MapMethods("/{uploadId}", [HttpMethods.Patch], PatchAsync).WithName("AppendUpload").RequireAuthorization();
        group.MapDelete("/{uploadId}", DeleteAsync).WithName("TerminateUpload").RequireAuthorization();
        group.MapPost("/{uploadId}", OverrideAsync).WithName("OverrideUpload").RequireAuthorization();
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

    private static async Task<IResult> HeadAsync(string uploadId, HttpResponse response, ClaimsPrincipal user, ResourceAccess access)
    {
        response.Headers.CacheControl = "no-store";
        var allowed = await access.UploadAsync(uploadId, user);
        if (allowed.Value is not { } upload)
        {
            return allowed.Denied!;
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

    private static async Task<IResult> PatchAsync(string uploadId, HttpContext http, ResourceAccess access, IClusterClient client, PatchProcessor processor)
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

        if ((await access.UploadAsync(uploadId, http.User)).Denied is { } denied)
        {
            return denied;
        }

        TusResults.LiftBodySizeLimit(http);
        var result = await processor.ApplyAsync(client.GetGrain<IUploadGrain>(uploadId), offset, request, checksum);
        return TusResults.FromPatch(result, http.Response);
    }

    private static async Task<IResult> DeleteAsync(string uploadId, HttpContext http, ResourceAccess access, IClusterClient client)
    {
        if ((await access.UploadAsync(uploadId, http.User)).Denied is { } denied)
        {
            return denied;
        }

        var before = await client.GetGrain<IUploadGrain>(uploadId).Terminate();
        return before switch
        {
            null => TusResults.UploadNotFound(),
            { } status when UploadStateMachine.IsGone(status) => TusResults.UploadGone(),
            // A completed upload's bytes are the video's source now: nothing of the upload is left to free.
            _ => TypedResults.NoContent(),
        };
    }

    /// <summary>X-HTTP-Method-Override: clients behind proxies that only pass GET/POST send PATCH and DELETE as POST.</summary>
    private static Task<IResult> OverrideAsync(string uploadId, HttpContext http, ResourceAccess access, IClusterClient client, PatchProcessor processor)
    {
        string? method = http.Request.Headers[TusProtocol.MethodOverride];
        if (HttpMethods.IsPatch(method ?? ""))
        {
            return PatchAsync(uploadId, http, access, client, processor);
        }

        return HttpMethods.IsDelete(method ?? "")
            ? DeleteAsync(uploadId, http, access, client)
            : Task.FromResult(ApiProblem.Create(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "Method not allowed",
                $"POST to an upload needs {TusProtocol.MethodOverride}: PATCH or DELETE"));
    }
}
