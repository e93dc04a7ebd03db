using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Hosting.Catalog;
using VideoPlatform.Grains.Search;
using VideoPlatform.Hosting.Search;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Storage;
using VideoPlatform.Infrastructure.Analytics;
using VideoPlatform.Infrastructure.Recommendations;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Analytics;

/// <summary>
/// Two in-process silos whose streams and grain state are on PostgreSQL (ADO.NET providers) and whose warehouse is
/// the PostgreSQL one: the production path of playback events, small enough to kill a silo in.
/// Redelivery is made quick (visibility timeout, delivery time) so a killed puller's messages come back in seconds.
/// </summary>
public sealed class AnalyticsCluster : IAsyncDisposable
{
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(5);
    public const int MaxAttempts = 3;

    private readonly TempFolder storage;

    private AnalyticsCluster(string connectionString, InProcessTestCluster cluster, TempFolder storage)
    {
        ConnectionString = connectionString;
        Cluster = cluster;
        this.storage = storage;
    }

    public string ConnectionString { get; }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public NpgsqlDataSource DataSource => field ??= NpgsqlDataSource.Create(ConnectionString);

    public static async Task<AnalyticsCluster> StartAsync(PostgresFixture postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new PostgresMigrator(dataSource).MigrateAsync();
        }

        var storage = new TempFolder("vp-analytics-store");
        var options = new PlatformOptions
        {
            Persistence = new ProviderSwitch<PersistenceProvider> { Provider = PersistenceProvider.AdoNet },
            Streams = new StreamsSettings { Provider = StreamsProvider.AdoNet, Queues = 2, PollInterval = TimeSpan.FromMilliseconds(100) },
            Postgres = new PostgresSettings { ConnectionString = connectionString },
            Storage = new StorageSettings { Provider = StorageProvider.FileSystem, FileSystem = new FileSystemStoreSettings { Root = storage.Path } },
        };
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPlatformProviders(options);
            silo.Services.AddSerializer(s => s.AddAssembly(typeof(VideoStatsGrain).Assembly).AddAssembly(typeof(AnalyticsCluster).Assembly));
            silo.Services.AddSingleton(options);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddPlatformObjectStore(options);
            silo.Services.AddSingleton<IVideoCatalog, GrainVideoCatalog>();
            silo.Services.AddSingleton<ISearchIndex, GrainSearchIndex>();
            silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            silo.Services.AddSingleton<IAnalyticsWarehouse>(sp => new PostgresAnalyticsWarehouse(sp.GetRequiredService<NpgsqlDataSource>()));
            silo.Services.AddSingleton<IRecommendationStore>(sp => new PostgresRecommendationStore(sp.GetRequiredService<NpgsqlDataSource>()));
            silo.Services.PostConfigure<AdoNetStreamOptions>(StreamNames.Provider, o =>
            {
                o.VisibilityTimeout = VisibilityTimeout;
                o.MaxAttempts = MaxAttempts;
            });
            silo.Services.PostConfigure<StreamPullingAgentOptions>(StreamNames.Provider, o => o.MaxEventDeliveryTime = TimeSpan.FromSeconds(2));
        });
        builder.ConfigureClient(client => client.AddPlatformClientStreams(options));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new AnalyticsCluster(connectionString, cluster, storage);
    }

    public async Task PublishAsync(string videoId, IReadOnlyList<PlaybackEvent> batch) =>
        await Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<PlaybackEvent>(StreamId.Create(StreamNames.Playback, videoId))
            .OnNextBatchAsync(batch);

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await DataSource.DisposeAsync();
        storage.Dispose();
    }

    /// <summary>A created (not yet uploaded) video, so the stats grain finds it; its duration is unknown.</summary>
    public async Task<string> CreateVideoAsync()
    {
        var id = PlatformIds.New();
        await Client.GetGrain<IVideoGrain>(id).Create(new CreateVideo { Title = "analytics" });
        return id;
    }
}
