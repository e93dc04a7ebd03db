using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoPlatform.TranscodeSilo.Shutdown;

/// <summary>
/// The first step of a media silo's stop (the silo lifecycle's Active stage, before the silo leaves the cluster, so
/// grain calls still work): the transcode slots stop taking jobs and hand running ones back, the RTMP listener stops
/// accepting and ends its live sessions with ENDLIST. The stop waits for both, within the host's shutdown timeout
/// (<c>VideoPlatform:ShutdownSeconds</c>); what is left then is cut short as a crash would be (leases lapse).
/// </summary>
public sealed class MediaSiloDrain(ILogger<MediaSiloDrain> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource draining = new();
    private readonly List<Func<Task>> parts = [];

    /// <summary>Cancelled when the silo begins to stop.</summary>
    public CancellationToken Draining => draining.Token;

    public bool IsDraining => draining.IsCancellationRequested;

    /// <summary>A part of the silo (worker, listener) whose completion the stop waits for once draining began.</summary>
    public void WaitFor(Func<Task> completion)
    {
        lock (parts)
        {
            parts.Add(completion);
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MediaSiloDrain), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Media silo stopping: no new jobs or live sessions; handing running work back");
        await draining.CancelAsync();
        Task[] waits;
        lock (parts)
        {
            waits = parts.Select(p => p()).ToArray();
        }

        try
        {
            await Task.WhenAll(waits).WaitAsync(cancellationToken);
            logger.LogInformation("Media silo drained");
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Media silo: the shutdown timeout ended the drain before every job and session was handed back");
        }
    }

    public void Dispose() => draining.Dispose();
}

public static class MediaSiloDrainRegistration
{
    /// <summary>One drain per media silo, joined to the silo lifecycle; safe to call from each media part's registration.</summary>
    public static IServiceCollection AddMediaSiloDrain(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(MediaSiloDrain)))
        {
            services.AddSingleton<MediaSiloDrain>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<MediaSiloDrain>());
        }

        return services;
    }
}
