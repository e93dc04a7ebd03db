using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting;
using VideoPlatform.Hosting.Health;
using VideoPlatform.Hosting.Telemetry;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// What a host serves and how long it takes to stop, read from the host built (never started) with a pod's
/// settings, the way src/*/Program.cs builds it: the HTTP paths it maps, its shutdown timeout, and whether it serves
/// /metrics (<see cref="Scrape"/>; with a port when only that port serves it).
/// </summary>
public sealed record HostShape(IReadOnlySet<string> Paths, TimeSpan ShutdownTimeout, PrometheusScrape? Scrape)
{
    public static async Task<HostShape> BuildAsync(string host, IReadOnlyDictionary<string, string> environment)
    {
        var builder = HostBuilders.Create([]);
        builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
        builder.Logging.ClearProviders();
        _ = host switch
        {
            "api" => builder.AddPlatformClient(),
            "silo" => builder.AddPlatformSilo(SiloPool.General),
            "transcode-silo" => builder.AddPlatformSilo(SiloPool.Media),
            _ => throw new ArgumentException($"no host {host}", nameof(host)),
        };
        await using var app = builder.Build();
        app.MapPlatformHealth();
        app.MapPlatformMetrics();

        var paths = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
        return new HostShape(paths, app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout, app.Services.GetService<PrometheusScrape>());
    }
}
