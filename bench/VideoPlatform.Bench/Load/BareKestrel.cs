using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

/// <summary>The metadata baseline: Kestrel in this process answering GET /api/videos/{id} with fixed JSON bytes.</summary>
public sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication app;

    private BareKestrel(WebApplication app, int port)
    {
        this.app = app;
        Base = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Base { get; }

    public static async Task<BareKestrel> StartAsync(byte[] json)
    {
        var port = FreePorts.One();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
        var app = builder.Build();
        app.MapGet("/api/videos/{id}", (string id) => Results.Bytes(json, "application/json; charset=utf-8"));
        await app.StartAsync();
        return new BareKestrel(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
