using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Api.Auth;

/// <summary>JSON request bodies are small: anything larger than the configured limit is refused with 413.</summary>
public sealed class JsonBodyLimit(RequestDelegate next, IOptions<AuthSettings> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.HasJsonContentType())
        {
            var max = options.Value.MaxJsonBodyBytes;
            if (context.Request.ContentLength > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }
        }

        return next(context);
    }
}
