using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using VideoPlatform.Api.Transport;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

/// <summary>
/// Kestrel in this process with nothing of the platform: the metadata baseline (GET /api/videos/{id} answering fixed
/// JSON bytes) and the upload ceiling (a PATCH body streamed into a file).
/// </summary>
public sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication app;

    private BareKestrel(WebApplication app, int port)
    {
        this.app = app;
        Base = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Base { get; }

    public static Task<BareKestrel> StartAsync(byte[] json) =>
        StartAsync(false, app => app.MapGet("/api/videos/{id}", (string id) => Results.Bytes(json, "application/json; charset=utf-8")));

    /// <summary>
    /// PATCH /sink writes its body to <paramref name="file"/> through the same 1 MiB buffers as the copy baseline, on
    /// the Api's socket buffers (256 KiB blocks), so it bounds what the Api's upload path can reach.
    /// </summary>
    public static Task<BareKestrel> StartSinkAsync(string file) =>
        StartAsync(true, app => app.MapMethods("/sink", ["PATCH"], async (HttpRequest request) =>
        {
            // A fresh file each time, as the copy and the Api write: truncating the last run's file would make ext4 start
            // writing all of this one back when it is closed (auto_da_alloc).
            File.Delete(file);
            await using (var target = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await request.Body.CopyToAsync(target, 1 << 20);
            }

            return Results.NoContent();
        }));

    private static async Task<BareKestrel> StartAsync(bool largeSocketBuffers, Action<WebApplication> routes)
    {
        var port = FreePorts.One();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
        if (largeSocketBuffers)
        {
            builder.Services.AddLargeSocketBuffers();
        }

        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return new BareKestrel(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
