using Microsoft.Extensions.Diagnostics.HealthChecks;

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
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silos")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("cluster unreachable", ex);
        }
    }
}
