using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Infrastructure.Analytics;

namespace VideoPlatform.Hosting.Analytics;

public static class AnalyticsRegistration
{
    /// <summary>The PostgreSQL warehouse when configured, else one in memory per silo (development only).</summary>
    public static IServiceCollection AddPlatformAnalytics(this IServiceCollection services, PlatformOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Postgres.ConnectionString))
        {
            services.AddSingleton<IAnalyticsWarehouse, InMemoryAnalyticsWarehouse>();
        }
        else
        {
            services.AddSingleton<IAnalyticsWarehouse>(sp => new PostgresAnalyticsWarehouse(sp.GetRequiredService<NpgsqlDataSource>()));
        }

        return services;
    }
}
