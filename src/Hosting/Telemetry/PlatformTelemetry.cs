using Microsoft.AspNetCore.Builder;
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
/// at /metrics on the silos, and traces plus metrics over OTLP when an endpoint is configured. Traces are collected
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
            services.AddSingleton<PrometheusScrape>();
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

    /// <summary>GET /metrics in the Prometheus text format, when this host collects for a scrape (silos, unless turned off).</summary>
    public static IEndpointRouteBuilder MapPlatformMetrics(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<PrometheusScrape>() is not null)
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return endpoints;
    }
}

/// <summary>Registered when this host's metrics have a Prometheus exporter to scrape.</summary>
public sealed class PrometheusScrape;
