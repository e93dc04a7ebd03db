using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace VideoPlatform.Hosting.Cluster;

/// <summary>
/// How fast the cluster gives up on a silo that stopped answering. Unset, Orleans' defaults hold (probe every 5 s, dead
/// after about three missed probes: 10-15 s; the Api re-reads the gateway list every minute). Shorter probes find a
/// killed silo sooner but risk declaring a merely slow one dead on a CPU-starved node.
/// </summary>
public sealed class MembershipSettings
{
    public const string Section = "VideoPlatform:Membership";

    /// <summary>Silos: the probe period and timeout (ClusterMembershipOptions.ProbeTimeout); 2-3 s is the safe low end.</summary>
    public TimeSpan? ProbeTimeout { get; set; }

    /// <summary>The Api: how often it re-reads the gateways from the membership table (GatewayOptions.GatewayListRefreshPeriod).</summary>
    public TimeSpan? GatewayListRefresh { get; set; }

    /// <summary>
    /// The Api: how long a grain call waits for its answer (ClientMessagingOptions.ResponseTimeout). A call lost with a
    /// killed silo waits this long (Orleans issue #10165), so the Api's default is 10 s rather than Orleans' 30 s: the
    /// caller gets a 503 (or a read's second try, <see cref="ReadRetryFilter"/>) before its own HTTP timeout.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static MembershipSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<MembershipSettings>() ?? new MembershipSettings();

    public static void ApplyTo(ISiloBuilder silo)
    {
        if (From(silo.Configuration).ProbeTimeout is { } probe)
        {
            silo.Services.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = probe);
        }
    }

    public static void ApplyTo(IClientBuilder client)
    {
        var settings = From(client.Configuration);
        if (settings.GatewayListRefresh is { } refresh)
        {
            client.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = refresh);
        }

        client.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = settings.ResponseTimeout);
        client.AddOutgoingGrainCallFilter<ReadRetryFilter>();
    }
}
