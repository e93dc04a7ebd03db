using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace VideoPlatform.Hosting.Health;

/// <summary>Silo side: this silo is Active in the cluster membership.</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"silo status is {status}"));
    }
}
