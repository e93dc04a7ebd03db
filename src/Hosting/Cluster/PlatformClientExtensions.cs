using Orleans.Configuration;
using Orleans.Dashboard;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Hosting.Cluster;

/// <summary>The Orleans client side of the provider switches (the Api host).</summary>
public static class PlatformClientExtensions
{
    public static IClientBuilder UsePlatform(this IClientBuilder client, PlatformOptions options)
    {
        var c = options.Clustering;
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = c.ClusterId;
            o.ServiceId = c.ServiceId;
        });
        if (c.Provider == ClusteringProvider.AdoNet)
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.Postgres.ConnectionString;
            });
        }
        else
        {
            client.UseLocalhostClustering(c.GatewayPorts, c.ServiceId, c.ClusterId);
        }

        // The client learns which grain classes the cluster has from the gateway it connects to, then refreshes that
        // once a minute by default. A client that connected while only the media silo was up would then fail every
        // general-pool call for up to a minute ("Could not find an implementation"). A few seconds is cheap: the
        // refresh asks only for what changed since its version.
        client.Configure<TypeManagementOptions>(o => o.TypeMapRefreshInterval = TimeSpan.FromSeconds(3));
        client.AddPlatformClientStreams(options);
        client.AddActivityPropagation(); // see the silo side (PlatformSiloExtensions.UsePlatform)
        client.AddDashboard(PlatformDashboard.Configure);
        MembershipSettings.ApplyTo(client);

        if (c.Tls.Enabled)
        {
            client.UsePlatformTls(c.Tls);
        }

        return client;
    }

    public static IClientBuilder AddPlatformClientStreams(this IClientBuilder client, PlatformOptions options)
    {
        if (options.Streams.Provider == StreamsProvider.AdoNet)
        {
            client.AddAdoNetStreams(StreamNames.Provider, configurator =>
            {
                configurator.ConfigureAdoNet(b => b.Configure(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = options.Postgres.ConnectionString;
                }));
                configurator.ConfigurePartitioning(options.Streams.Queues);
            });
        }
        else
        {
            client.AddMemoryStreams(StreamNames.Provider, b => b.ConfigurePartitioning(options.Streams.Queues));
        }

        return client;
    }
}
