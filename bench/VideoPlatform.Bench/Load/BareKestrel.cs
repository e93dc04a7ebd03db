using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

/// <summary>
/// Kestrel with nothing of the platform: the metadata baseline (GET /api/videos/{id} answering fixed JSON bytes, in
/// this process) and the upload baseline (a PATCH body streamed into a file, in a process of its own: <see cref="SinkProcess"/>).
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
        StartAsync(FreePorts.One(), app => app.MapGet("/api/videos/{id}", (string id) => Results.Bytes(json, "application/json; charset=utf-8")));

    /// <summary>
    /// PATCH /sink streams its body into <paramref name="file"/> with a plain <c>CopyToAsync</c> (1 MiB file buffer, as
    /// the file copy uses): what any endpoint that stores an upload pays before the platform's own work (tus, grains,
    /// the store).
    /// </summary>
    public static Task<BareKestrel> StartSinkAsync(string file, int port) =>
        StartAsync(port, app => app.MapMethods("/sink", ["PATCH"], async (HttpRequest request) =>
        {
            // A fresh file each time, as the Api writes one per upload; the suite deletes it between runs.
            File.Delete(file);
            await using (var target = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await request.Body.CopyToAsync(target);
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

    private static async Task<BareKestrel> StartAsync(int port, Action<WebApplication> routes)
    {
        // As the platform's hosts start (HostBuilders): no watcher over the working directory, whose files the suite writes.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
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
