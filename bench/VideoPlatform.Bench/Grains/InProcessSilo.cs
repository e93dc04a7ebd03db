using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting;

namespace VideoPlatform.Bench.Grains;

/// <summary>
/// A general silo hosted in this process with the platform's own silo wiring: localhost clustering, in-memory
/// providers, no PostgreSQL. <paramref name="configure"/> may replace services before it starts.
/// </summary>
public static class InProcessSilo
{
    public static async Task<WebApplication> StartAsync(Workspace work, Action<IServiceCollection>? configure = null)
    {
        var ports = FreePorts.Take(2);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = work.Folder("silo") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VideoPlatform:Clustering:Provider"] = "Localhost",
            ["VideoPlatform:Clustering:ClusterId"] = "bench",
            ["VideoPlatform:Clustering:SiloPort"] = Invariant(ports[0]),
            ["VideoPlatform:Clustering:PrimarySiloPort"] = Invariant(ports[0]),
            ["VideoPlatform:Clustering:GatewayPort"] = Invariant(ports[1]),
            ["VideoPlatform:Persistence:Provider"] = "Memory",
            ["VideoPlatform:Reminders:Provider"] = "Memory",
            ["VideoPlatform:Streams:Provider"] = "Memory",
            ["VideoPlatform:Storage:Provider"] = "FileSystem",
            ["VideoPlatform:Storage:FileSystem:Root"] = work.Folder("silo-objects"),
            ["VideoPlatform:Postgres:ConnectionString"] = "",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddPlatformSilo(SiloPool.General);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
        // Warnings only, and on stderr: stdout carries the table.
        builder.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
