using Microsoft.Extensions.Options;

namespace VideoPlatform.Grains.Transcoding;

/// <summary>
/// The waiting line of transcode jobs across every media silo, owners taking turns (<see cref="FairQueue"/>). It holds
/// ids only and writes nothing: each job grain owns its durable state and its reminder, and the reminder re-pushes a
/// waiting job (with its first arrival time, so it keeps its place) and re-asserts a running one. A queue that lost its
/// memory with its silo is whole again within one reminder period, and a push or pop costs no storage write at all;
/// see docs/transcode-queue.md for the figures.
/// </summary>
public sealed class TranscodeQueueGrain(
    IOptions<TranscodeJobSettings> options,
    TranscodeQueueGauge gauge,
    TimeProvider time) : Grain, ITranscodeQueueGrain
{
    private readonly FairQueue line = new(options.Value.MaxConcurrentJobsPerOwner);

    // Completed (and replaced) whenever a job may have become runnable: wakes the workers waiting in WaitForWork.
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Only the platform's queue drives the gauge (tests make queues of their own).
    private bool Reports => this.GetPrimaryKeyString() == TranscodeQueue.Key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The line lives in memory: stay active while idle rather than forget it and wait for the reminders.
        this.RegisterGrainTimer(() => Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)) { KeepAlive = true });
        ReportDepth();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Reports)
        {
            gauge.Clear();
        }

        return Task.CompletedTask;
    }

    public Task Push(QueuedJob job)
    {
        if (line.Push(job))
        {
            Changed();
        }

        return Task.CompletedTask;
    }

    public async Task<bool> WaitForWork(TimeSpan max, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + max;
        while (true)
        {
            var now = time.GetUtcNow();
            var next = line.NextRunnable();
            if (next <= now)
            {
                return true;
            }

            // A job in backoff becomes runnable at its NotBefore: wake then, even without a push.
            var until = next is { } due ? Min(deadline, due) : deadline;
            if (until <= now || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(until - now, time, stop.Token);
            await Task.WhenAny(changed.Task, delay);
            await stop.CancelAsync();
        }
    }

    public Task<string?> Pop(string workerId)
    {
        var job = line.Pop(time.GetUtcNow(), workerId);
        ReportDepth();
        return Task.FromResult(job);
    }

    public Task Remove(string jobId)
    {
        line.Remove(jobId);
        ReportDepth();
        return Task.CompletedTask;
    }

    public Task SetRunning(string jobId, string? owner, string? workerId)
    {
        if (line.SetRunning(jobId, owner, workerId) && workerId is null)
        {
            Changed(); // a slot of that owner is free: its next job may run
        }

        ReportDepth();
        return Task.CompletedTask;
    }

    public Task<TranscodeQueueStats> Stats() => Task.FromResult(line.Stats());

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private void Changed()
    {
        ReportDepth();
        changed.TrySetResult();
        changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void ReportDepth()
    {
        if (Reports)
        {
            gauge.Set(line.Waiting);
        }
    }
}
