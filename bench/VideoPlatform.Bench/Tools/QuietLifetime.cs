using Microsoft.Extensions.Hosting;

namespace VideoPlatform.Bench.Tools;

/// <summary>
/// Host lifetime for the hosts the suite creates inside itself: the default console lifetime would swallow
/// Ctrl-C/SIGTERM to stop just that host, leaving the suite running; without it the signal ends the process and
/// bench/run stops the platform.
/// </summary>
public sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
