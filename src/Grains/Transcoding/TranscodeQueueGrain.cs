namespace VideoPlatform.Grains.Transcoding;

/// <summary>
/// The waiting line of transcode jobs, first in first out across every media silo. It holds ids only;
/// each job grain owns its own state and lease.
/// </summary>
public sealed class TranscodeQueueGrain(
    [PersistentState("queue")] IPersistentState<TranscodeQueueState> state,
    TranscodeQueueGauge gauge,
    TimeProvider time) : Grain, ITranscodeQueueGrain
{
    // Completed (and replaced) on every push: wakes the workers waiting in WaitForWork.
    private TaskCompletionSource pushed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Only the platform's queue drives the gauge (tests make queues of their own).
    private bool Reports => this.GetPrimaryKeyString() == TranscodeQueue.Key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
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

    public async Task Push(string jobId, DateTimeOffset notBefore)
    {
        var waiting = state.State.Waiting;
        var existing = waiting.FindIndex(w => w.JobId == jobId);
        if (existing >= 0)
        {
            if (waiting[existing].NotBefore <= notBefore)
            {
                return;
            }

            waiting.RemoveAt(existing);
        }

        waiting.Add(new QueuedJob(jobId, notBefore, time.GetUtcNow()));
        await SaveAsync();
        pushed.TrySetResult();
        pushed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task<bool> WaitForWork(TimeSpan max, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + max;
        while (true)
        {
            var now = time.GetUtcNow();
            var waiting = state.State.Waiting;
            if (waiting.Exists(w => w.NotBefore <= now))
            {
                return true;
            }

            // A job in backoff becomes runnable at its NotBefore: wake then, even without a push.
            var until = waiting.Count == 0 ? deadline : Min(deadline, waiting.Min(w => w.NotBefore));
            if (until <= now || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(until - now, time, stop.Token);
            await Task.WhenAny(pushed.Task, delay);
            await stop.CancelAsync();
        }
    }

    public async Task<string?> Pop(string workerId)
    {
        var now = time.GetUtcNow();
        var waiting = state.State.Waiting;
        var next = waiting.FindIndex(w => w.NotBefore <= now);
        if (next < 0)
        {
            return null;
        }

        var job = waiting[next];
        waiting.RemoveAt(next);
        await SaveAsync();
        return job.JobId;
    }

    public async Task Remove(string jobId)
    {
        if (state.State.Waiting.RemoveAll(w => w.JobId == jobId) > 0)
        {
            await SaveAsync();
        }
    }

    public async Task SetRunning(string jobId, string? workerId)
    {
        var running = state.State.Running;
        var changed = workerId is null ? running.Remove(jobId) : running.TryAdd(jobId, workerId) || Replace(running, jobId, workerId);
        if (changed)
        {
            await SaveAsync();
        }
    }

    public Task<TranscodeQueueStats> Stats() => Task.FromResult(new TranscodeQueueStats(
        state.State.Waiting.Count,
        state.State.Running.Count,
        state.State.Waiting.Select(w => w.JobId).ToList(),
        new Dictionary<string, string>(state.State.Running)));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static bool Replace(Dictionary<string, string> running, string jobId, string workerId)
    {
        if (running[jobId] == workerId)
        {
            return false;
        }

        running[jobId] = workerId;
        return true;
    }

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        ReportDepth();
    }

    private void ReportDepth()
    {
        if (Reports)
        {
            gauge.Set(state.State.Waiting.Count);
        }
    }
}

[GenerateSerializer, Alias("VideoPlatform.TranscodeQueueState")]
public sealed class TranscodeQueueState
{
    /// <summary>In arrival order; FIFO among the jobs whose backoff has passed.</summary>
    [Id(0)] public List<QueuedJob> Waiting { get; set; } = [];
    [Id(1)] public Dictionary<string, string> Running { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.QueuedJob")]
public sealed record QueuedJob(
    [property: Id(0)] string JobId,
    [property: Id(1)] DateTimeOffset NotBefore,
    [property: Id(2)] DateTimeOffset QueuedAt);
