using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Errors;

/// <summary>Maps the platform's typed errors (thrown by grains or adapters) to ProblemDetails responses.</summary>
internal sealed class PlatformExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string StorageUnavailable = "storage_unavailable";
    public const string QuotaCode = "quota_exceeded";

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
            // Rate-like quotas (per day, concurrent) pass with time; stored bytes only when something is deleted.
            QuotaExceededException { RetryAfter: null } => (StatusCodes.Status403Forbidden, QuotaCode, "Quota exceeded"),
            QuotaExceededException => (StatusCodes.Status429TooManyRequests, QuotaCode, "Quota exceeded"),
            // A silo just lost (until membership declares it dead) or the database down: the platform's, worth a retry. A grain's
            // database error has no codec, so it reaches the client as CodecNotFoundException.
            OrleansException or TimeoutException or System.Data.Common.DbException or Orleans.Serialization.CodecNotFoundException => (StatusCodes.Status503ServiceUnavailable, ClusterUnavailable, "Service unavailable"),
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

        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = exception.Message,
            Type = $"https://videoplatform.dev/problems/{code}",
            Extensions = { ["code"] = code },
        };
        if (exception is QuotaExceededException quota)
        {
            problem.Extensions["quota"] = quota.Quota;
            problem.Extensions["limit"] = quota.Limit;
            if (quota.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }
}
