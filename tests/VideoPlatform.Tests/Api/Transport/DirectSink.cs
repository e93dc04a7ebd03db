using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoPlatform.Api.Transport;
using VideoPlatform.Api.Uploads;

namespace VideoPlatform.Tests.Api.Transport;

/// <summary>
/// Real Kestrel on loopback with the Api's transport services and one endpoint, PUT /sink, that writes its body into a
/// file through <see cref="UploadBodyStream"/> as the Api's FileSystem uploads do, taking large bodies from the socket.
/// </summary>
internal sealed class DirectSink : IAsyncDisposable
{
    private readonly WebApplication app;

    private DirectSink(WebApplication app, string file)
    {
        this.app = app;
        File = file;
    }

    public string File { get; }

    public Uri Address => new(app.Urls.Single().Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

    /// <summary>What the last request's body stream ended with.</summary>
    public SinkOutcome? Last { get; private set; }

    /// <param name="hashed">Whether the body is hashed as it arrives (SHA-256, as for an Upload-Checksum), so its bytes must be seen.</param>
    public static async Task<DirectSink> StartAsync(long minBytes, long? limit = null, bool hashed = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"vp-direct-sink-{Guid.NewGuid():N}.bin");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Services.AddLargeSocketBuffers();
        builder.Services.AddDirectBodyReceive();
        var app = builder.Build();
        var sink = new DirectSink(app, file);
        app.MapPut("/sink", async (HttpContext http, DirectBodyReceive receive) =>
        {
            var direct = receive.For(http, minBytes);
            using var hash = hashed ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            var body = new UploadBodyStream(http.Request.Body, limit ?? http.Request.ContentLength ?? long.MaxValue, hash, http.Request.BodyReader, direct);
            await using (var target = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read, 1, useAsync: true))
            {
                try
                {
                    await body.CopyToAsync(target);
                }
                catch (Exception) when (body.Failure is not null)
                {
                }
            }

            sink.Last = new SinkOutcome(direct is not null, body.BytesRead, body.Failure, body.TooLarge)
            {
                Spliced = direct?.Spliced ?? false,
                EarlyWrites = direct?.EarlyWrites ?? 0,
                Sha256 = hash?.GetHashAndReset(),
            };
            return body.Failure is null ? Results.NoContent() : Results.BadRequest();
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        System.IO.File.Delete(File);
    }
}

internal sealed record SinkOutcome(bool Eligible, long BytesRead, Exception? Failure, bool TooLarge)
{
    /// <summary>Whether the receiver moved the body in the kernel (no hash to feed).</summary>
    public bool Spliced { get; init; }

    public int EarlyWrites { get; init; }

    /// <summary>The hash of the bytes the body stream took, when the sink hashes.</summary>
    public byte[]? Sha256 { get; init; }
}
