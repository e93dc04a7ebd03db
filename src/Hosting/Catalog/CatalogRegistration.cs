using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Infrastructure.Catalog;

namespace VideoPlatform.Hosting.Catalog;

public static class CatalogRegistration
{
    /// <summary>PostgreSQL when configured, else the in-grain catalog.</summary>
    public static IServiceCollection AddPlatformCatalog(this IServiceCollection services, PlatformOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Postgres.ConnectionString))
        {
            services.AddSingleton<IVideoCatalog, GrainVideoCatalog>();
        }
        else
        {
            services.AddSingleton<IVideoCatalog>(sp => new PostgresVideoCatalog(sp.GetRequiredService<NpgsqlDataSource>()));
        }

        return services;
    }
}
