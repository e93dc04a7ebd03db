using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VideoPlatform.Storage;

namespace VideoPlatform.Hosting.Health;

internal sealed class ObjectStoreHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var store = services.GetService<IObjectStore>();
        if (store is null)
        {
            return HealthCheckResult.Unhealthy("no object store is configured");
        }

        try
        {
            await store.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("object store unreachable", ex);
        }
    }
}
