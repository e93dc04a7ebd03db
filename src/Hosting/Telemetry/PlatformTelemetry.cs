using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Hosting.Telemetry;

/// <summary>
/// Metrics (the platform's <c>VideoPlatform</c> meter, Orleans, ASP.NET Core, the runtime) for a Prometheus scrape
/// at /metrics (the silos' HTTP port, or <c>Telemetry:MetricsPort</c>), and traces plus metrics over OTLP when an
/// endpoint is configured. Traces are collected
/// only for OTLP: recording a span for every request and grain call on both sides of the gateway, only to drop it,
/// cost more CPU than serving a playlist. Metrics are aggregated in place and cost little until scraped.
/// </summary>
public static class PlatformTelemetry
{
    public const string SourceName = MetricNames.Meter;

    public const string MetricsPath = "/metrics";

    public static bool IsEnabled(PlatformOptions options) => !string.IsNullOrWhiteSpace(options.Telemetry.OtlpEndpoint);

    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, string serviceName, PlatformOptions options, bool prometheus)
    {
        var otlp = IsEnabled(options);
        if (!otlp && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m =>
            {
                m.AddMeter(SourceName)
                    .AddMeter("Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (prometheus)
                {
                    m.AddPrometheusExporter();
                }
            });
        if (prometheus)
        {
            services.AddSingleton(new PrometheusScrape(options.Telemetry.MetricsPort));
            if (options.Telemetry.MetricsPort is not null)
            {
                services.AddTransient<IStartupFilter, MetricsPortListener>();
            }
        }

        if (otlp)
        {
            telemetry
                .WithTracing(t => t
                    .AddSource(SourceName)
                    .AddSource(global::Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName)
                    .AddSource(global::Orleans.Diagnostics.ActivitySources.RuntimeActivitySourceName)
                    .AddSource(global::Orleans.Diagnostics.ActivitySources.LifecycleActivitySourceName)
                    .AddSource(global::Orleans.Diagnostics.ActivitySources.StorageActivitySourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(options.Telemetry.OtlpEndpoint!));
        }

        return services;
    }

    /// <summary>
    /// GET /metrics in the Prometheus text format, when this host collects for a scrape: on any port, or only on
    /// <c>Telemetry:MetricsPort</c> when that is set (the Api's own HTTP port is public).
    /// </summary>
    public static IEndpointRouteBuilder MapPlatformMetrics(this IEndpointRouteBuilder endpoints)
    {
        switch (endpoints.ServiceProvider.GetService<PrometheusScrape>())
        {
            case { Port: { } port }:
                // RequireHost matches the Host header, which the client writes; the port the connection came in on it cannot.
                endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
                        context.Connection.LocalPort == port ? next(context) : NotFound(context)), optionsName: null)
                    .RequireHost($"*:{port.ToString(CultureInfo.InvariantCulture)}");
                break;
            case not null:
                endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
                break;
        }

        return endpoints;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

/// <summary>Registered when this host's metrics have a Prometheus exporter to scrape; <see cref="Port"/>: only there.</summary>
public sealed record PrometheusScrape(int? Port);
