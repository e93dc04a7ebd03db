using Microsoft.Extensions.Diagnostics.HealthChecks;
using VideoPlatform.Grains.Health;

namespace VideoPlatform.Hosting.Health;

/// <summary>Api side: the gateway answers and the cluster has at least one active silo.</summary>
internal sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // IManagementGrain takes no token; WaitAsync bounds the wait instead.
#pragma warning disable CA2016
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
#pragma warning restore CA2016
            if (hosts.Count == 0)
            {
                return HealthCheckResult.Unhealthy("no active silo");
            }

            // A general-pool grain answers only once this client knows the general pool's grain types; before
            // that, every request that touches a video or a user would fail.
            await client.GetGrain<IPoolProbeGrain>("readyz").Describe().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"{hosts.Count} active silos");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("cluster unreachable", ex);
        }
    }
}
