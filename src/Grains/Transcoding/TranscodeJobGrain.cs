using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Transcoding;

/// <summary>
/// A transcode job and its lease. While the job is queued or running, a reminder (durable) and a timer (fast)
/// check the lease; an expired lease means the worker or its silo died, and the job is queued again.
/// </summary>
public sealed class TranscodeJobGrain(
    [PersistentState("job")] IPersistentState<TranscodeJobState> state,
    IOptions<TranscodeJobSettings> options,
    IObjectStore store,
    TimeProvider time,
    ILogger<TranscodeJobGrain> logger) : Grain, ITranscodeJobGrain, IRemindable
{
    private const string LeaseReminder = "lease-check";
    private readonly TranscodeJobSettings settings = options.Value;
    private IGrainTimer? leaseTimer;

    private string JobId => this.GetPrimaryKeyString();

    private ITranscodeQueueGrain Queue => GrainFactory.GetGrain<ITranscodeQueueGrain>(TranscodeQueue.Key);

    private IVideoGrain Video => GrainFactory.GetGrain<IVideoGrain>(state.State.Request!.VideoId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status == TranscodeJobStatus.Running)
        {
            StartLeaseTimer();
        }

        return Task.CompletedTask;
    }

    public async Task Enqueue(TranscodeRequest request)
    {
        switch (state.State)
        {
            case { Request: not null, Status: TranscodeJobStatus.Queued, Attempts: 0 }:
                // Queued and never started, yet told again (after a crash): the silo may have died between the write
                // and the reminder or the push. Both are idempotent, so they are simply made sure of.
                await WatchAndPushAsync(time.GetUtcNow());
                return;
            case { Request: not null, Status: TranscodeJobStatus.Queued or TranscodeJobStatus.Running }:
                return; // running, or waiting out a retry's backoff (its reminder registered long ago): nothing to do
        }

        var now = time.GetUtcNow();
        state.State = new TranscodeJobState { Request = request, Status = TranscodeJobStatus.Queued, EnqueuedAt = now, UpdatedAt = now };
        await state.WriteStateAsync();
        await WatchAndPushAsync(now);
    }

    /// <summary>
    /// The lease reminder and the queue entry of a job whose Queued state is written. Neither waits for the other (the
    /// reminder's registration alone took about 8 ms, on the path of the upload's last PATCH): should the silo die with
    /// one of them missing, the upload grain's reminder tells the video again, which re-enqueues, which lands here.
    /// </summary>
    private Task WatchAndPushAsync(DateTimeOffset now) => Task.WhenAll(
        this.RegisterOrUpdateReminder(LeaseReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)),
        Queue.Push(JobId, now));

    public Task EnsureQueued(TranscodeRequest request) => Enqueue(request);

    public async Task<TranscodeTicket?> Start(string workerId)
    {
        var s = state.State;
        if (s.Status != TranscodeJobStatus.Queued || s.Request is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        s.Status = TranscodeJobStateMachine.Fire(s.Status, TranscodeJobTrigger.Start);
        s.Attempts++;
        s.WorkerId = workerId;
        s.LeaseUntil = now + settings.Lease;
        s.Progress = 0;
        s.UpdatedAt = now;
        await state.WriteStateAsync();
        StartLeaseTimer();
        await Queue.SetRunning(JobId, workerId);
        await Video.StartProcessing(JobId);
        logger.LogInformation("Job {JobId} attempt {Attempt} runs on {Worker}", JobId, s.Attempts, workerId);
        return new TranscodeTicket(JobId, s.Request.VideoId, s.Request.SourceKey, s.Attempts, settings.Lease);
    }

    public async Task<LeaseStatus> Renew(string workerId, int progress)
    {
        if (await ForwardProgressAsync(workerId, progress) is var status && status != LeaseStatus.Ok)
        {
            return status;
        }

        state.State.LeaseUntil = time.GetUtcNow() + settings.Lease;
        await state.WriteStateAsync();
        return LeaseStatus.Ok;
    }

    public Task<LeaseStatus> ReportProgress(string workerId, int progress) => ForwardProgressAsync(workerId, progress);

    public async Task<LeaseStatus> ReportPlayable(string workerId, string masterKey)
    {
        if (Owner(workerId) is var status && status != LeaseStatus.Ok)
        {
            return status;
        }

        await Video.ProcessingPlayable(masterKey);
        return LeaseStatus.Ok;
    }

    private LeaseStatus Owner(string workerId) => state.State switch
    {
        { Status: TranscodeJobStatus.Canceled } => LeaseStatus.Canceled,
        { Status: TranscodeJobStatus.Running } s when s.WorkerId == workerId => LeaseStatus.Ok,
        _ => LeaseStatus.Lost,
    };

    private async Task<LeaseStatus> ForwardProgressAsync(string workerId, int progress)
    {
        var s = state.State;
        if (Owner(workerId) is var status && status != LeaseStatus.Ok)
        {
            return status;
        }

        if (progress != s.Progress)
        {
            s.Progress = progress;
            await Video.ReportProcessingProgress(progress);
        }

        return LeaseStatus.Ok;
    }

    public async Task Succeed(string workerId, TranscodeOutput output)
    {
        var s = state.State;
        if (s.Status == TranscodeJobStatus.Canceled)
        {
            // The video was deleted while the worker was uploading: remove what it wrote.
            await store.DeletePrefixAsync(MediaKeys.VideoPrefix(s.Request!.VideoId));
            return;
        }

        if (s.Status != TranscodeJobStatus.Running || s.WorkerId != workerId)
        {
            return; // a worker whose lease expired; another attempt owns the job
        }

        s.Output = output;
        await FinishAsync(TranscodeJobTrigger.Succeed, error: null);
    }

    public async Task Fail(string workerId, VideoFailure failure, bool retryable)
    {
        var s = state.State;
        if (s.Status != TranscodeJobStatus.Running || s.WorkerId != workerId)
        {
            return;
        }

        await RetryOrFailAsync(failure, retryable);
    }

    public async Task Cancel()
    {
        if (state.State.Status is TranscodeJobStatus.Queued or TranscodeJobStatus.Running)
        {
            await FinishAsync(TranscodeJobTrigger.Cancel, "canceled");
            await Queue.Remove(JobId);
        }
    }

    public Task<TranscodeJobInfo?> Get()
    {
        var s = state.State;
        return Task.FromResult(s.Request is null ? null : new TranscodeJobInfo
        {
            JobId = JobId,
            Status = s.Status,
            Attempts = s.Attempts,
            WorkerId = s.WorkerId,
            LeaseUntil = s.LeaseUntil,
            Progress = s.Progress,
            LastError = s.LastError,
            EnqueuedAt = s.EnqueuedAt,
            UpdatedAt = s.UpdatedAt,
        });
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckLeaseAsync();

    private async Task CheckLeaseAsync()
    {
        var s = state.State;
        switch (s.Status)
        {
            case TranscodeJobStatus.Running when s.LeaseUntil < time.GetUtcNow():
                logger.LogWarning("Job {JobId}: lease of {Worker} expired", JobId, s.WorkerId);
                await RetryOrFailAsync(new VideoFailure("transcode_error", $"worker {s.WorkerId} stopped renewing its lease"), retryable: true);
                break;
            case TranscodeJobStatus.Queued:
                await Queue.Push(JobId, time.GetUtcNow()); // idempotent: repairs a queue that lost the id
                break;
            case TranscodeJobStatus.Succeeded or TranscodeJobStatus.Failed or TranscodeJobStatus.Canceled:
                // Still registered: the silo died between the job's final write and the end of FinishAsync.
                await TellVideoAsync();
                await UnregisterReminderAsync();
                break;
        }
    }

    private async Task RetryOrFailAsync(VideoFailure failure, bool retryable)
    {
        var s = state.State;
        if (retryable && s.Attempts < settings.MaxAttempts)
        {
            var notBefore = time.GetUtcNow() + settings.Backoff(s.Attempts);
            s.Status = TranscodeJobStateMachine.Fire(s.Status, TranscodeJobTrigger.Retry);
            s.WorkerId = null;
            s.LeaseUntil = null;
            s.LastError = failure.Message;
            s.UpdatedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            StopLeaseTimer();
            // The failed attempt's ladder stops growing; the next one rewrites it from its first segment.
            await Video.WithdrawPlayback();
            await Queue.SetRunning(JobId, null);
            await Queue.Push(JobId, notBefore);
            return;
        }

        s.Failure = failure;
        await FinishAsync(TranscodeJobTrigger.GiveUp, failure.Message);
    }

    /// <summary>
    /// The final write, then the video is told, then the bookkeeping. The reminder goes last: until it is gone, a
    /// crash anywhere after the write is repaired by its next tick telling the video again (both calls are idempotent).
    /// </summary>
    private async Task FinishAsync(TranscodeJobTrigger trigger, string? error)
    {
        var s = state.State;
        s.Status = TranscodeJobStateMachine.Fire(s.Status, trigger);
        s.LastError = error ?? s.LastError;
        s.LeaseUntil = null;
        s.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        StopLeaseTimer();
        await TellVideoAsync();
        await Queue.SetRunning(JobId, null);
        await UnregisterReminderAsync();
    }

    private async Task TellVideoAsync()
    {
        var s = state.State;
        try
        {
            switch (s)
            {
                case { Status: TranscodeJobStatus.Succeeded, Output: { } output }:
                    await Video.CompleteProcessing(output);
                    break;
                case { Status: TranscodeJobStatus.Failed, Failure: { } failure }:
                    await Video.Fail(failure);
                    // Attempts publish while they encode: a job that gave up leaves no half ladder behind.
                    await store.DeletePrefixAsync(MediaKeys.VideoPrefix(s.Request!.VideoId));
                    break;
            }
        }
        catch (IllegalTransitionException ex)
        {
            // The video moved on without the job (deleted meanwhile): nothing left to tell.
            logger.LogInformation("Job {JobId}: video no longer takes the outcome: {Reason}", JobId, ex.Message);
        }
    }

    private async Task UnregisterReminderAsync()
    {
        var reminder = await this.GetReminder(LeaseReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void StartLeaseTimer()
    {
        var period = TimeSpan.FromTicks(Math.Max(settings.Lease.Ticks / 3, TimeSpan.FromSeconds(1).Ticks));
        leaseTimer ??= this.RegisterGrainTimer(CheckLeaseAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private void StopLeaseTimer()
    {
        leaseTimer?.Dispose();
        leaseTimer = null;
    }
}
