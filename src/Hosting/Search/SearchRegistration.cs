using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VideoPlatform.Grains.Search;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Infrastructure.Search;
using VideoPlatform.Infrastructure.Search.Meilisearch;

namespace VideoPlatform.Hosting.Search;

public static class SearchRegistration
{
    /// <summary>The provider <c>Search:Provider</c> names; Postgres without a connection string means in memory (as the catalog does).</summary>
    public static IServiceCollection AddPlatformSearch(this IServiceCollection services, PlatformOptions options)
    {
        services.AddOptions<InMemorySearchSettings>().Configure(s => s.MaxDocuments = options.Search.InMemory.MaxDocuments);
        switch (EffectiveProvider(options))
        {
            case SearchProvider.Postgres:
                services.AddKeyedSingleton(nameof(PostgresSearchIndex), (_, _) => PostgresSearchIndex.CreateDataSource(options.Postgres.ConnectionString!));
                services.AddSingleton<ISearchIndex>(sp => new PostgresSearchIndex(sp.GetRequiredKeyedService<NpgsqlDataSource>(nameof(PostgresSearchIndex))));
                break;
            case SearchProvider.Meilisearch:
                services.AddSingleton(options.Search.Meilisearch);
                services.AddHttpClient<MeilisearchClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
                services.AddSingleton<ISearchIndex, MeilisearchSearchIndex>();
                break;
            default:
                services.AddSingleton<ISearchIndex, GrainSearchIndex>();
                break;
        }

        return services;
    }

    public static SearchProvider EffectiveProvider(PlatformOptions options) =>
        options.Search.Provider == SearchProvider.Postgres && string.IsNullOrWhiteSpace(options.Postgres.ConnectionString)
            ? SearchProvider.InMemory
            : options.Search.Provider;
}
