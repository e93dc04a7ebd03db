using VideoPlatform.Api.Errors;

namespace VideoPlatform.Api.Uploads;

/// <summary>Every tus response carries Tus-Resumable; every tus request but OPTIONS must carry 1.0.0 (else 412).</summary>
public sealed class TusResumableFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // OnStarting, not a plain header: the exception handler clears headers before writing its response.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[TusProtocol.TusResumable] = TusProtocol.Version;
            return Task.CompletedTask;
        });
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers[TusProtocol.TusResumable] != TusProtocol.Version)
        {
            http.Response.Headers[TusProtocol.TusVersion] = TusProtocol.Version;
            return ApiProblem.Create(StatusCodes.Status412PreconditionFailed, "unsupported_tus_version", "Unsupported tus version",
                $"Requests must carry {TusProtocol.TusResumable}: {TusProtocol.Version}");
        }

        return await next(context);
    }
}
