using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Hosting.Cluster;

/// <summary>The Orleans provider switches of a silo, in one place for every silo host and the test cluster.</summary>
public static class PlatformSiloExtensions
{
    public const string PubSubStore = "PubSubStore";
    private const string Invariant = "Npgsql";

    public static ISiloBuilder UsePlatform(this ISiloBuilder silo, PlatformOptions options, SiloPool pool)
    {
        silo.AddPlatformClustering(options)
            .AddPlatformProviders(options)
            .AddPlatformPool(pool);
        // Always on: a grain call carries its trace context only when something listens to Orleans' spans, so
        // without a tracer this costs a check per call; with one, a trace runs from the request to the encode.
        silo.AddActivityPropagation();
        silo.AddDashboard(PlatformDashboard.Configure); // every silo feeds the Api's /admin/orleans pages
        MembershipSettings.ApplyTo(silo);

        if (options.Clustering.Tls.Enabled)
        {
            silo.UsePlatformTls(options.Clustering.Tls);
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
        {
            silo.UseKubernetesHosting();
        }

        return silo;
    }

    public static ISiloBuilder AddPlatformClustering(this ISiloBuilder silo, PlatformOptions options)
    {
        var c = options.Clustering;
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = c.ClusterId;
            o.ServiceId = c.ServiceId;
        });
        switch (c.Provider)
        {
            case ClusteringProvider.Localhost:
                var primary = c.SiloPort == c.PrimarySiloPort ? null : new IPEndPoint(IPAddress.Loopback, c.PrimarySiloPort);
                silo.UseLocalhostClustering(c.SiloPort, c.GatewayPort, primary, c.ServiceId, c.ClusterId);
                break;
            case ClusteringProvider.AdoNet:
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = options.Postgres.ConnectionString;
                });
                silo.AddAdvertisedEndpoints(c);
                break;
        }

        return silo;
    }

    /// <summary>
    /// Silo and gateway ports listen on the advertised address only, never on every interface: a pod's other
    /// addresses (a sidecar's loopback, a second network) do not reach the cluster. Set explicitly, because Kubernetes
    /// hosting fills unset listening endpoints with 0.0.0.0. Without an advertised address Orleans picks the first
    /// non-loopback one and listens on it alone.
    /// </summary>
    public static ISiloBuilder AddAdvertisedEndpoints(this ISiloBuilder silo, ClusteringSettings c)
    {
        if (string.IsNullOrWhiteSpace(c.AdvertisedIp))
        {
            return silo.ConfigureEndpoints(c.SiloPort, c.GatewayPort);
        }

        var advertised = IPAddress.Parse(c.AdvertisedIp);
        silo.ConfigureEndpoints(advertised, c.SiloPort, c.GatewayPort);
        return silo.Configure<EndpointOptions>(o =>
        {
            o.SiloListeningEndpoint = new IPEndPoint(advertised, c.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(advertised, c.GatewayPort);
        });
    }

    /// <summary>Grain persistence, reminders and streams.</summary>
    public static ISiloBuilder AddPlatformProviders(this ISiloBuilder silo, PlatformOptions options)
    {
        var connectionString = options.Postgres.ConnectionString;
        if (options.Persistence.Provider == PersistenceProvider.AdoNet)
        {
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(PubSubStore, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage(PubSubStore);
        }

        if (options.Reminders.Provider == RemindersProvider.AdoNet)
        {
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            silo.UseInMemoryReminderService();
        }

        if (options.Streams.Provider == StreamsProvider.AdoNet)
        {
            silo.AddAdoNetStreams(StreamNames.Provider, configurator =>
            {
                configurator.ConfigureAdoNet(b => b.Configure(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                }));
                configurator.ConfigurePartitioning(options.Streams.Queues);
                configurator.ConfigurePullingAgent(o => o.Configure(a => a.GetQueueMsgsTimerPeriod = options.Streams.PollInterval));
            });
        }
        else
        {
            silo.AddMemoryStreams(StreamNames.Provider, b =>
            {
                b.ConfigurePartitioning(options.Streams.Queues);
                b.ConfigurePullingAgent(o => o.Configure(a => a.GetQueueMsgsTimerPeriod = options.Streams.PollInterval));
            });
        }

        return silo;
    }

    /// <summary>
    /// Keeps only the grain classes of this silo's pool: media classes (marked <see cref="MediaPoolAttribute"/>)
    /// on a media silo, everything else on a general silo. Calls route to a silo that has the class;
    /// with none in the cluster they fail with "no compatible silo" instead of running in the wrong pool.
    /// </summary>
    public static ISiloBuilder AddPlatformPool(this ISiloBuilder silo, SiloPool pool)
    {
        silo.Services.AddSingleton(new SiloPoolInfo(pool));
        silo.Services.AddSingleton<VideoPlatform.Grains.Transcoding.TranscodeQueueGauge>();
        silo.Services.TryAddSingleton<PlatformMetrics>();
        silo.Services.AddWebhooks();
        silo.Services.AddPlacementDirector<SiloKeyPlacement, SiloKeyPlacementDirector>();
        silo.Services.PostConfigure<GrainTypeOptions>(o =>
            o.Classes.RemoveWhere(type => IsPlatformClass(type) && IsMediaClass(type) != (pool == SiloPool.Media)));
        return silo;
    }

    /// <summary>Orleans' own system grains stay on every silo; only the platform's classes are sorted into pools.</summary>
    private static bool IsPlatformClass(Type type) =>
        type.Assembly.GetName().Name?.StartsWith("VideoPlatform.", StringComparison.Ordinal) == true;

    private static bool IsMediaClass(Type type) => type.GetCustomAttribute<MediaPoolAttribute>() is not null;
}
