using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.TranscodeSilo.Shutdown;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>
/// The media silo's transcode slots: each slot takes the oldest runnable job from the shared queue,
/// runs it, and asks again; an idle slot waits in the queue grain until a job is pushed (no polling delay).
/// At most <see cref="TranscodeWorkerSettings.EffectiveConcurrency"/> jobs run here at once. When the silo begins
/// to stop (<see cref="MediaSiloDrain"/>) or the host stops, the slots take no more jobs and hand running ones back.
/// </summary>
public sealed class TranscodeWorker(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    TranscodeJobRunner runner,
    MediaSiloDrain drain,
    IOptions<TranscodeWorkerSettings> options,
    TimeProvider time,
    ILogger<TranscodeWorker> logger) : BackgroundService
{
    private readonly TranscodeWorkerSettings settings = options.Value;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        drain.WaitFor(() => ExecuteTask ?? Task.CompletedTask);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Transcode worker on {Silo} with {Slots} slots", silo.SiloAddress, settings.EffectiveConcurrency);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, drain.Draining);
        var slots = Enumerable.Range(0, settings.EffectiveConcurrency).Select(i => RunSlotAsync($"{silo.SiloAddress}#{i}", stopping.Token));
        await Task.WhenAll(slots);
    }

    private async Task RunSlotAsync(string workerId, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Resolved each round: until a general silo has joined, the queue's grain type is unknown here.
                var queue = grains.GetGrain<ITranscodeQueueGrain>(TranscodeQueue.Key);
                var jobId = await queue.Pop(workerId);
                if (jobId is null)
                {
                    await queue.WaitForWork(settings.EffectiveIdleWait, stoppingToken);
                    continue;
                }

                await runner.RunAsync(jobId, workerId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A slot never dies: the cluster may be starting (grain types not yet known), stopping, or briefly
                // unreachable, and a job may fail in a way the runner did not foresee. Log, back off, ask again.
                logger.LogWarning(ex, "Transcode slot {Worker}: {Error}", workerId, ex.Message);
                try
                {
                    await Task.Delay(settings.EffectiveErrorBackoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
