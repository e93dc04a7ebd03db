using Microsoft.Extensions.Options;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Uploads;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// JSON and form bodies are small: anything larger than the configured limit is refused with 413 before an endpoint
/// reads it. A body without Content-Length is read here up to the limit, because minimal APIs treat a read that the
/// server cuts short as a dropped connection and would answer nothing useful. Endpoints marked <see cref="RawMediaBody"/>
/// take media whatever its label.
/// </summary>
public sealed class JsonBodyLimit(RequestDelegate next, IOptions<AuthSettings> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((!request.HasJsonContentType() && !request.HasFormContentType) || context.GetEndpoint()?.Metadata.GetMetadata<RawMediaBody>() is not null)
        {
            await next(context);
            return;
        }

        var max = options.Value.MaxJsonBodyBytes;
        if (request.ContentLength is { } length)
        {
            if (length > max)
            {
                await TooLarge(max).ExecuteAsync(context);
                return;
            }

            await next(context);
            return;
        }

        var buffered = new MemoryStream();
        context.Response.RegisterForDispose(buffered);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffered.Length + read > max)
            {
                await TooLarge(max).ExecuteAsync(context);
                return;
            }

            buffered.Write(chunk, 0, read);
        }

        buffered.Position = 0;
        request.Body = buffered;
        request.ContentLength = buffered.Length;
        await next(context);
    }

    private static IResult TooLarge(long max) => ApiProblem.Create(
        StatusCodes.Status413PayloadTooLarge, "body_too_large", "Request body too large", $"JSON and form bodies may be at most {max} bytes");
}
