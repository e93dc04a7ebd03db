using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Errors;

/// <summary>Maps the platform's typed errors (thrown by grains or adapters) to ProblemDetails responses.</summary>
internal sealed class PlatformExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string StorageUnavailable = "storage_unavailable";

    public const string ClusterUnavailable = "cluster_unavailable";

    // A store outage is the platform's, not the caller's: the same request is worth repeating once the store is back.
    private const string StorageRetryAfterSeconds = "5";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title) = exception switch
        {
            IllegalTransitionException => (StatusCodes.Status409Conflict, "illegal_transition", "Conflict"),
            VideoNotFoundException => (StatusCodes.Status404NotFound, "not_found", "Not found"),
            ChannelNotFoundException => (StatusCodes.Status404NotFound, "not_found", "Not found"),
            InvalidObjectKeyException => (StatusCodes.Status400BadRequest, "invalid_key", "Invalid request"),
            ObjectRangeNotSatisfiableException => (StatusCodes.Status416RangeNotSatisfiable, "range_not_satisfiable", "Range not satisfiable"),
            ObjectStoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, StorageUnavailable, "Storage unavailable"),
            BadHttpRequestException bad => (bad.StatusCode, "bad_request", "Invalid request"),
            // A silo just lost (until membership declares it dead) or the database down: the platform's, worth a retry.
            OrleansException or TimeoutException or System.Data.Common.DbException => (StatusCodes.Status503ServiceUnavailable, ClusterUnavailable, "Service unavailable"),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = StorageRetryAfterSeconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = exception.Message,
                Type = $"https://videoplatform.dev/problems/{code}",
                Extensions = { ["code"] = code },
            },
        });
    }
}
