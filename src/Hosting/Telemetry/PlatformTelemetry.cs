using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Hosting.Telemetry;

/// <summary>
/// Traces and metrics with the Orleans sources, exported over OTLP, when an endpoint is configured. Without one
/// nothing is collected: recording a span for every request and grain call on both sides of the gateway, only to
/// drop it, cost more CPU than serving a playlist (dotnet-counters still reads the runtime's own meters).
/// </summary>
public static class PlatformTelemetry
{
    public const string SourceName = "VideoPlatform";

    public static bool IsEnabled(PlatformOptions options) => !string.IsNullOrWhiteSpace(options.Telemetry.OtlpEndpoint);

    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, string serviceName, PlatformOptions options)
    {
        if (!IsEnabled(options))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddSource(SourceName)
                .AddSource(global::Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName)
                .AddSource(global::Orleans.Diagnostics.ActivitySources.RuntimeActivitySourceName)
                .AddSource(global::Orleans.Diagnostics.ActivitySources.LifecycleActivitySourceName)
                .AddSource(global::Orleans.Diagnostics.ActivitySources.StorageActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(SourceName)
                .AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(options.Telemetry.OtlpEndpoint!));
        return services;
    }
}
