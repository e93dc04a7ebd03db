using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Transcoding;

/// <summary>
/// A transcode job and its lease, keyed by video id. Status changes go through <see cref="TranscodeJobStateMachine"/>
/// and are published on the <c>transcode</c> stream. Until the job ends, a reminder (durable) and, while it runs, a
/// timer (fast) check the lease; an expired lease means the worker or its silo died, and the job is retried.
/// </summary>
public sealed partial class TranscodeJobGrain(
    [PersistentState("job")] IPersistentState<TranscodeJobState> state,
    IOptions<TranscodeJobSettings> options,
    IObjectStore store,
    TimeProvider time,
    PlatformMetrics metrics,
    ILogger<TranscodeJobGrain> logger) : Grain, ITranscodeJobGrain, IRemindable
{
    private const string LeaseReminder = "lease-check";
    private readonly TranscodeJobSettings settings = options.Value;
    private IGrainTimer? leaseTimer;

    private string JobId => this.GetPrimaryKeyString();

    private ITranscodeQueueGrain Queue => GrainFactory.GetGrain<ITranscodeQueueGrain>(TranscodeQueue.Key);

    private IVideoGrain Video => GrainFactory.GetGrain<IVideoGrain>(state.State.Request!.VideoId);

    private string? OwnerId => state.State.Request?.OwnerId;

    /// <summary>This job's place in the line: its first arrival keeps its turn among its owner's jobs.</summary>
    private QueuedJob Entry(DateTimeOffset notBefore) => new(JobId, notBefore, state.State.EnqueuedAt, OwnerId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Written before Retrying was a status: a job waiting for its next attempt was Queued with attempts behind it.
        if (state.State is { Status: TranscodeJobStatus.Queued, Attempts: > 0 } old)
        {
            old.Status = TranscodeJobStatus.Retrying;
        }

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
            case { Request: not null, Status: TranscodeJobStatus.Queued }:
                // Told again (after a crash): the silo may have died before the reminder or the push; both are idempotent.
                await WatchAndPushAsync();
                return;
            case { Request: not null, Status: TranscodeJobStatus.Retrying or TranscodeJobStatus.Running }:
                return;
        }

        var now = time.GetUtcNow();
        state.State = new TranscodeJobState
        {
            Request = request,
            Status = TranscodeJobStatus.Queued,
            EnqueuedAt = now,
            UpdatedAt = now,
            TraceParent = System.Diagnostics.Activity.Current is { IdFormat: System.Diagnostics.ActivityIdFormat.W3C } caller ? caller.Id : null,
        };
        await state.WriteStateAsync();
        await PublishAsync(from: null, reason: null);
        await WatchAndPushAsync();
    }

    private async Task WatchAndPushAsync()
    {
        await this.RegisterOrUpdateReminder(LeaseReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await Queue.Push(Entry(time.GetUtcNow()));
    }

    public Task EnsureQueued(TranscodeRequest request) => Enqueue(request);

    public async Task<TranscodeTicket?> Start(string workerId)
    {
        var s = state.State;
        if (!TranscodeJobStateMachine.IsWaiting(s.Status) || s.Request is null)
        {
            if (s.Status != TranscodeJobStatus.Running)
            {
                await Queue.SetRunning(JobId, OwnerId, null); // the pop counted it against its owner's slots
            }

            return null;
        }

        s.Attempts++;
        s.Starts++;
        if (s.Starts == 1)
        {
            metrics.QueueWait.Record((time.GetUtcNow() - s.EnqueuedAt).TotalSeconds);
        }

        s.WorkerId = workerId;
        s.LeaseUntil = time.GetUtcNow() + settings.Lease;
        s.Progress = 0;
        s.Begun = false;
        await TransitionAsync(TranscodeJobTrigger.Start, reason: null);
        StartLeaseTimer();
        await Queue.SetRunning(JobId, OwnerId, workerId);
        await Video.StartProcessing(JobId);
        logger.LogInformation("Job {JobId} attempt {Attempt} runs on {Worker}", JobId, s.Attempts, workerId);
        return new TranscodeTicket(JobId, s.Request.VideoId, s.Request.SourceKey, s.Attempts, settings.Lease, s.TraceParent);
    }

    public async Task<LeaseStatus> Renew(string workerId, int progress)
    {
        if (await ReportProgress(workerId, progress) is var status && status != LeaseStatus.Ok)
        {
            return status;
        }

        state.State.LeaseUntil = time.GetUtcNow() + settings.Lease;
        state.State.Begun = true;
        await state.WriteStateAsync();
        return LeaseStatus.Ok;
    }

    public async Task<LeaseStatus> ReportProgress(string workerId, int progress)
    {
        if (Owner(workerId) is var status && status != LeaseStatus.Ok)
        {
            return status;
        }

        if (progress != state.State.Progress)
        {
            state.State.Progress = progress;
            await Video.ReportProcessingProgress(progress);
        }

        return LeaseStatus.Ok;
    }

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

    public async Task Succeed(string workerId, TranscodeOutput output)
    {
        var s = state.State;
        if (s.Status == TranscodeJobStatus.Canceled)
        {
            // The video was deleted while the worker was uploading: remove what it wrote.
            await store.DeletePrefixAsync(MediaKeys.VideoPrefix(s.Request!.VideoId));
            return;
        }

        if (Owner(workerId) != LeaseStatus.Ok)
        {
            return; // a worker whose lease expired; another attempt owns the job
        }

        s.Output = output;
        await FinishAsync(TranscodeJobTrigger.Succeed, error: null);
    }

    public async Task Fail(string workerId, VideoFailure failure, bool retryable)
    {
        if (Owner(workerId) == LeaseStatus.Ok)
        {
            await RetryOrFailAsync(failure, retryable);
        }
    }

    public async Task Release(string workerId)
    {
        if (Owner(workerId) == LeaseStatus.Ok)
        {
            await HandBackAsync("handed back by its worker", time.GetUtcNow());
        }
    }

    public async Task Cancel()
    {
        if (TranscodeJobStateMachine.Table.CanFire(state.State.Status, TranscodeJobTrigger.Cancel))
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

    private async Task TransitionAsync(TranscodeJobTrigger trigger, string? reason, string? worker = null)
    {
        var s = state.State;
        var from = s.Status;
        s.Status = TranscodeJobStateMachine.Table.Fire(from, trigger);
        s.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await PublishAsync(from, reason, worker ?? s.WorkerId);
    }

    private Task PublishAsync(TranscodeJobStatus? from, string? reason, string? worker = null)
    {
        var s = state.State;
        var item = new TranscodeJobEvent(Guid.NewGuid(), s.Request!.VideoId, from, s.Status, s.Attempts, worker, reason, s.UpdatedAt);
        return this.PublishAsync(StreamNames.TranscodeJob, s.Request.VideoId, item, logger);
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
}
