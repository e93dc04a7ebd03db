using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// Counts the request body bytes the Api has read, so a raw-socket test can wait until the server has taken in what
/// it sent before it hangs up (bytes and FIN arriving together may be rejected as one unexpected end of content).
/// </summary>
public sealed class BodyByteCounter : IStartupFilter
{
    private long total;

    public long Total => Interlocked.Read(ref total);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            context.Request.Body = new Counting(context.Request.Body, this);
            return proceed(context);
        });
        next(app);
    };

    private sealed class Counting(Stream inner, BodyByteCounter counter) : AsyncReadStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Interlocked.Add(ref counter.total, read);
            return read;
        }
    }
}
