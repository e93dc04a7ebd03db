using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Errors;

/// <summary>Maps the platform's typed errors (thrown by grains or adapters) to ProblemDetails responses.</summary>
internal sealed class PlatformExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title) = exception switch
        {
            IllegalTransitionException => (StatusCodes.Status409Conflict, "illegal_transition", "Conflict"),
            VideoNotFoundException => (StatusCodes.Status404NotFound, "not_found", "Not found"),
            ChannelNotFoundException => (StatusCodes.Status404NotFound, "not_found", "Not found"),
            InvalidObjectKeyException => (StatusCodes.Status400BadRequest, "invalid_key", "Invalid request"),
            ObjectRangeNotSatisfiableException => (StatusCodes.Status416RangeNotSatisfiable, "range_not_satisfiable", "Range not satisfiable"),
            BadHttpRequestException bad => (bad.StatusCode, "bad_request", "Invalid request"),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        context.Response.StatusCode = status;
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
