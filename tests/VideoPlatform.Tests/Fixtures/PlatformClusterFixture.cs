using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;
using Orleans.Serialization;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Videos;
using VideoPlatform.TranscodeSilo.Health;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Hosting.Catalog;
using VideoPlatform.Grains.Search;
using VideoPlatform.Hosting.Search;
using VideoPlatform.TranscodeSilo.Ingest.Server;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;
using Orleans.TestingHost;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Storage;
using VideoPlatform.Infrastructure.Analytics;
using VideoPlatform.Infrastructure.Recommendations;
using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// An in-process cluster shaped like production: two general silos and one media silo (memory storage,
/// memory streams, in-memory reminders, a FileSystem object store in a temp folder shared by all silos).
/// Tests add silos of either pool with <see cref="StartSiloAsync"/>. The grain assemblies are named
/// explicitly: in a test process nothing guarantees they are loaded when the silos scan for grain classes.
/// </summary>
public sealed class PlatformClusterFixture : IAsyncLifetime
{
    private readonly Dictionary<string, SiloPool> pools = [];
    private readonly TempFolder storage = new("vp-cluster-store");
    private SiloPool nextPool = SiloPool.General;
    private int configured;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public string StorageRoot => storage.Path;

    /// <summary>Media silos started with the cluster, after the two general ones.</summary>
    public int MediaSilos { get; init; } = 1;

    /// <summary>The transcode lease: short, so that tests of a dead worker finish quickly.</summary>
    public TimeSpan JobLease { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The live session lease; null keeps <see cref="LiveTestSettings"/>' short one.</summary>
    public TimeSpan? LiveLease { get; init; }

    public PlatformOptions Options { get; } = new()
    {
        Storage = new StorageSettings { Provider = StorageProvider.FileSystem },
    };

    private readonly TempFolder work = new("vp-cluster-work");

    /// <summary>Media silos of the test cluster encode fast, poll often, and keep job folders in their own place.</summary>
    private IConfiguration WorkerConfiguration(string siloName) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VideoPlatform:Transcode:Worker:Preset"] = "ultrafast",
            ["VideoPlatform:Transcode:Worker:ErrorBackoff"] = "00:00:01",
            ["VideoPlatform:Transcode:Worker:MaxConcurrentJobs"] = "1",
            ["VideoPlatform:Transcode:Worker:WorkRoot"] = Directory.CreateDirectory(Path.Combine(work.Path, siloName)).FullName,
        })
        .Build();

    /// <summary>The folder where the silo that ran <paramref name="workerId"/> ("{silo address}#{slot}") keeps job folders.</summary>
    public string WorkFolderOf(string workerId)
    {
        var silo = Cluster.Silos.Single(s => workerId.StartsWith(s.SiloAddress.ToString() + "#", StringComparison.Ordinal));
        return Path.Combine(work.Path, silo.Name);
    }

    public async Task InitializeAsync()
    {
        Options.Storage.FileSystem.Root = storage.Path;
        var builder = new InProcessTestClusterBuilder((short)(2 + MediaSilos));
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.Options.GatewayPerSilo = true;
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            var pool = PoolFor(silo.SiloName);
            siloBuilder.AddPlatformProviders(Options).AddPlatformPool(pool);
            // As UsePlatform does for the real silos: traces cross grain calls, and the Api's dashboard has its data.
            siloBuilder.AddActivityPropagation().AddDashboard(PlatformDashboard.Configure);
            siloBuilder.Services.AddSerializer(s => s.AddAssembly(typeof(VideoGrain).Assembly).AddAssembly(typeof(MediaPoolProbeGrain).Assembly));
            siloBuilder.Services.AddSingleton(Options);
            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddPlatformObjectStore(Options);
            siloBuilder.Services.AddSingleton<IVideoCatalog, GrainVideoCatalog>();
            siloBuilder.Services.AddSingleton<IAnalyticsWarehouse, InMemoryAnalyticsWarehouse>();
            siloBuilder.Services.AddSingleton<ISearchIndex, GrainSearchIndex>();
            siloBuilder.Services.AddSingleton<IRecommendationStore, InMemoryRecommendationStore>();
            siloBuilder.Services.Configure<TranscodeJobSettings>(o =>
            {
                o.Lease = JobLease;
                o.BackoffBase = TimeSpan.FromMilliseconds(500);
            });
            siloBuilder.Services.Configure<ChannelLiveSettings>(o =>
            {
                LiveTestSettings.Channel(o);
                o.Lease = LiveLease ?? o.Lease;
            });
            siloBuilder.Services.Configure<WebhookSettings>(WebhookTestSettings.Silo);
            if (pool == SiloPool.Media)
            {
                siloBuilder.Services.AddTranscodeWorker(WorkerConfiguration(silo.SiloName));
                siloBuilder.Services.AddLiveIngest(LiveTestSettings.Ingest);
            }
        });
        builder.ConfigureClient(client => client.AddPlatformClientStreams(Options).AddActivityPropagation());
        if (Environment.GetEnvironmentVariable("VP_TEST_LOGS") is { Length: > 0 } logFile)
        {
            // Diagnostics: VP_TEST_LOGS=/tmp/x.log writes every silo's warnings (and the platform's info) to a file.
            builder.ConfigureSiloHost((_, host) => host.Logging.AddProvider(new FileLoggerProvider(logFile)));
        }
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Cluster.WaitForClusterManifestToStabilizeAsync();
    }

    /// <summary>Starts one more silo of the given pool.</summary>
    public async Task<InProcessSiloHandle> StartSiloAsync(SiloPool pool)
    {
        lock (pools)
        {
            nextPool = pool;
        }

        var handle = await Cluster.StartAdditionalSiloAsync();
        await Cluster.WaitForLivenessToStabilizeAsync();
        await Cluster.WaitForClusterManifestToStabilizeAsync();
        return handle;
    }

    public SiloPool PoolOf(SiloHandle silo)
    {
        lock (pools)
        {
            return pools[silo.Name];
        }
    }

    public IEnumerable<InProcessSiloHandle> SilosOf(SiloPool pool) =>
        Cluster.Silos.Where(s => s.IsActive && PoolOf(s) == pool);

    /// <summary>The gateway ports of the active silos, for an external client such as the Api.</summary>
    public int[] GatewayPorts() => Cluster.Silos.Where(s => s.IsActive).Select(s => s.GatewayAddress.Endpoint.Port).ToArray();

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        storage.Dispose();
        work.Dispose();
    }

    private SiloPool PoolFor(string siloName)
    {
        lock (pools)
        {
            if (!pools.TryGetValue(siloName, out var pool))
            {
                // The first silos: two general, then the media ones. Later ones: whatever StartSiloAsync asked for.
                var index = configured++;
                pool = index < 2 ? SiloPool.General : index < 2 + MediaSilos ? SiloPool.Media : nextPool;
                pools[siloName] = pool;
            }

            return pool;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PlatformClusterFixture>
{
    public const string Name = "cluster";
}
