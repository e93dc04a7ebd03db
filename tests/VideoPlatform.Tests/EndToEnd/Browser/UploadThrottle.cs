using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.Tests.EndToEnd.Browser;

/// <summary>A slow uplink for tus PATCH bodies, so a browser test can watch an upload mid-way (and reload there).</summary>
public sealed class UploadThrottle(int bytesPerSecond) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            if (HttpMethods.IsPatch(context.Request.Method) && context.Request.Path.StartsWithSegments("/api/uploads"))
            {
                context.Request.Body = new Throttled(context.Request.Body, bytesPerSecond);
            }

            return proceed(context);
        });
        next(app);
    };

    private sealed class Throttled(Stream inner, int bytesPerSecond) : Fixtures.AsyncReadStream
    {
        private readonly long started = TimeProvider.System.GetTimestamp();
        private long total;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 16 << 10)], cancellationToken);
            total += read;
            var due = TimeSpan.FromSeconds((double)total / bytesPerSecond) - TimeProvider.System.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            return read;
        }
    }
}
