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
        if (From(client.Configuration).GatewayListRefresh is { } refresh)
        {
            client.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = refresh);
        }
    }
}
