using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using VideoPlatform.Api.Transport;
using VideoPlatform.Api.Uploads;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

/// <summary>
/// Kestrel with nothing of the platform: the metadata baseline (GET /api/videos/{id} answering fixed JSON bytes, in
/// this process) and the upload ceiling (a PATCH body written into a file, in a process of its own: <see cref="SinkProcess"/>).
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
        StartAsync(FreePorts.One(), false, app => app.MapGet("/api/videos/{id}", (string id) => Results.Bytes(json, "application/json; charset=utf-8")));

    /// <summary>
    /// PATCH /sink writes its body to <paramref name="file"/> the way the Api's upload path does (Kestrel's received
    /// blocks gathered straight into the file by <see cref="UploadBodyStream"/>, on the Api's socket buffers, and the
    /// rest of a large body received straight from the socket by <see cref="SocketBodyReceiver"/>), with none of
    /// the platform around it: no tus, no grains, no database. It bounds what the Api's upload path can reach.
    /// </summary>
    public static Task<BareKestrel> StartSinkAsync(string file, int port) =>
        StartAsync(port, true, app => app.MapMethods("/sink", ["PATCH"], async (HttpContext http, DirectBodyReceive directReceive) =>
        {
            var request = http.Request;
            // A fresh file each time, as the copy and the Api write: truncating the last run's file would make ext4 start
            // writing all of this one back when it is closed (auto_da_alloc). The suite deletes it between runs.
            File.Delete(file);
            await using (var target = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
            {
                var body = new UploadBodyStream(
                    request.Body, request.ContentLength ?? long.MaxValue, null, request.BodyReader, directReceive.For(http, new UploadSettings().DirectReceiveBytes));
                await body.CopyToAsync(target);
            }

            return Results.NoContent();
        }));

    /// <summary>
    /// The sink as its own process (see <see cref="SinkProcess"/>): serves until its standard input closes, so it
    /// ends with the suite however the suite ends.
    /// </summary>
    public static async Task<int> ServeSinkAsync(string file, int port)
    {
        await using var sink = await StartSinkAsync(file, port);
        Console.WriteLine(SinkProcess.ReadyLine);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task<BareKestrel> StartAsync(int port, bool largeSocketBuffers, Action<WebApplication> routes)
    {
        // As the platform's hosts start (HostBuilders): no watcher over the working directory, whose files the
        // suite writes (perf put a file-watcher thread at 1-2% of the sink's samples during an upload).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
        if (largeSocketBuffers)
        {
            builder.Services.AddLargeSocketBuffers();
            builder.Services.AddDirectBodyReceive();
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
