using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Health;
using VideoPlatform.Hosting.Analytics;
using VideoPlatform.Hosting.Catalog;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Hosting.Search;
using VideoPlatform.Hosting.Recommendations;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Hosting.Storage;
using VideoPlatform.Hosting.Telemetry;
using VideoPlatform.Infrastructure.Postgres;

namespace VideoPlatform.Hosting;

/// <summary>The wiring every host shares: configuration, dependencies, the Orleans client, health, telemetry.</summary>
public static class PlatformHost
{
    /// <summary>The Api host: an Orleans client through the gateway.</summary>
    public static PlatformOptions AddPlatformClient(this WebApplicationBuilder builder)
    {
        var options = builder.AddPlatformCommon("videoplatform-api", scrapeOnHttpPort: false);
        builder.UseOrleansClient(client => client.UsePlatform(options));
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [PlatformHealthChecks.ReadyTag]);
        return options;
    }

    /// <summary>Applies pending PostgreSQL migrations (when PostgreSQL is configured) before the host starts.</summary>
    public static async Task MigrateDatabaseAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        var migrator = host.Services.GetService<PostgresMigrator>();
        if (migrator is not null)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>What every host registers, silo or client.</summary>
    /// <param name="scrapeOnHttpPort">False for a host whose HTTP port is public: it serves /metrics only on <c>Telemetry:MetricsPort</c>.</param>
    public static PlatformOptions AddPlatformCommon(this WebApplicationBuilder builder, string serviceName, bool scrapeOnHttpPort)
    {
        var options = PlatformConfiguration.LoadOrExit(builder.Configuration);
        // Quiet defaults: per-request framework logs cost more CPU than serving a playlist. Inserted first, so
        // appsettings and Logging__LogLevel__* environment variables still override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Orleans"] = "Warning",
                // Orleans' placement runs through a Polly pipeline that logs two lines per placement at Information.
                ["Logging:LogLevel:Polly"] = "Warning",
            },
        });
        builder.Logging.AddPlatformConsole(options.Telemetry);
        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlatformMetrics>();
        services.AddPlatformObjectStore(options);
        var usesPostgres = !string.IsNullOrWhiteSpace(options.Postgres.ConnectionString);
        if (usesPostgres)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(options.Postgres.ConnectionString!));
            services.AddSingleton<PostgresMigrator>();
        }

        services.AddPlatformCatalog(options);
        services.AddPlatformSearch(options);
        services.AddPlatformAnalytics(options);
        services.AddPlatformRecommendations(options, builder.Configuration);
        services.AddOptions<TranscodeJobSettings>().Bind(builder.Configuration.GetSection(TranscodeJobSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TranscodeJobSettings>, TranscodeJobSettingsValidation>();
        services.Configure<ChannelLiveSettings>(builder.Configuration.GetSection(ChannelLiveSettings.Section));
        services.AddPlatformReadiness(usesPostgres);
        var prometheus = options.Telemetry.Prometheus && (scrapeOnHttpPort || options.Telemetry.MetricsPort is not null);
        services.AddPlatformTelemetry(serviceName, options, prometheus);
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("VideoPlatform:ShutdownSeconds", 8)));
        return options;
    }
}
