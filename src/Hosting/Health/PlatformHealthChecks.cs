using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VideoPlatform.Hosting.Health;

/// <summary>/healthz (process alive) and /readyz (every dependency tagged "ready" answers).</summary>
public static class PlatformHealthChecks
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddPlatformReadiness(this IServiceCollection services, bool usesPostgres)
    {
        var builder = services.AddHealthChecks()
            .AddCheck<ObjectStoreHealthCheck>("object-store", tags: [ReadyTag]);
        if (usesPostgres)
        {
            builder.AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag]);
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        }).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Names the failing part in a fixed sentence; exception text (hosts, paths, SQL states) stays in the logs.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), error = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
