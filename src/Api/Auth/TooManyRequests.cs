using System.Globalization;
using VideoPlatform.Api.Errors;

namespace VideoPlatform.Api.Auth;

/// <summary>The one 429 of the Api (rate limits and login throttling): ProblemDetails plus Retry-After in whole seconds.</summary>
public sealed class TooManyRequests(TimeSpan retryAfter) : IResult
{
    public const string Code = "too_many_requests";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblem.Create(StatusCodes.Status429TooManyRequests, Code, "Too many requests", $"Try again in {seconds} s").ExecuteAsync(httpContext);
    }
}
