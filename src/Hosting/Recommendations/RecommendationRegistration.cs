using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Infrastructure.Recommendations;

namespace VideoPlatform.Hosting.Recommendations;

public static class RecommendationRegistration
{
    /// <summary>The recommender's bounds, and its store: PostgreSQL when configured, else one in memory per silo.</summary>
    public static IServiceCollection AddPlatformRecommendations(this IServiceCollection services, PlatformOptions options, IConfiguration configuration)
    {
        services.Configure<RecommendationSettings>(configuration.GetSection(RecommendationSettings.Section));
        if (string.IsNullOrWhiteSpace(options.Postgres.ConnectionString))
        {
            services.AddSingleton<IRecommendationStore, InMemoryRecommendationStore>();
        }
        else
        {
            services.AddSingleton<IRecommendationStore>(sp => new PostgresRecommendationStore(sp.GetRequiredService<NpgsqlDataSource>()));
        }

        return services;
    }
}
