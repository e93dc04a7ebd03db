using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Transcoding;

/// <summary>
/// One transcode job (keyed by video id): Queued → Running(worker, lease) → Succeeded | Failed | Canceled.
/// Workers on the media pool take it with <see cref="Start"/>, keep the lease with <see cref="Renew"/>
/// and finish with <see cref="Succeed"/> or <see cref="Fail"/>. An expired lease puts it back in the queue.
/// </summary>
[Alias("VideoPlatform.ITranscodeJobGrain")]
public interface ITranscodeJobGrain : IGrainWithStringKey
{
    [Alias("Enqueue")]
    Task Enqueue(TranscodeRequest request);

    /// <summary>
    /// <see cref="Enqueue"/> without waiting: for a video grain re-told of its upload, whose job may at that moment be
    /// calling the video (a running job reports to it), which would deadlock an awaited call.
    /// </summary>
    [Alias("EnsureQueued"), OneWay]
    Task EnsureQueued(TranscodeRequest request);

    /// <summary>Null when the job is no longer waiting (canceled, taken by another worker, finished).</summary>
    [Alias("Start")]
    Task<TranscodeTicket?> Start(string workerId);

    [Alias("Renew")]
    Task<LeaseStatus> Renew(string workerId, int progress);

    /// <summary>
    /// Between renewals (every second, <c>Transcode:Worker:ProgressInterval</c>): progress for the video, kept in memory only, and the
    /// answer a worker needs to stop FFmpeg at once when the video was deleted, without waiting for its next renewal.
    /// </summary>
    [Alias("ReportProgress")]
    Task<LeaseStatus> ReportProgress(string workerId, int progress);

    /// <summary>The worker has published a growing ladder whose master is <paramref name="masterKey"/>; tells the video.</summary>
    [Alias("ReportPlayable")]
    Task<LeaseStatus> ReportPlayable(string workerId, string masterKey);

    [Alias("Succeed")]
    Task Succeed(string workerId, TranscodeOutput output);

    /// <summary>A failure; retryable ones go back to the queue with backoff until the attempts run out.</summary>
    [Alias("Fail")]
    Task Fail(string workerId, VideoFailure failure, bool retryable);

    /// <summary>
    /// The worker gives the job back (its silo is stopping, or its start's answer was lost): the job goes back to the
    /// queue at once (no backoff), and this attempt does not count towards <c>Transcode:MaxAttempts</c>.
    /// </summary>
    [Alias("Release")]
    Task Release(string workerId);

    /// <summary>One-way: callers (the video grain) may themselves be called by this job at the same moment.</summary>
    [Alias("Cancel"), OneWay]
    Task Cancel();

    [Alias("Get"), ReadOnly]
    Task<TranscodeJobInfo?> Get();
}

/// <summary>
/// The line of waiting jobs shared by every media silo (key <see cref="TranscodeQueue.Key"/>): owners take turns, and
/// each owner runs at most <c>Transcode:MaxConcurrentJobsPerOwner</c> jobs at once while the rest of its jobs wait.
/// </summary>
[Alias("VideoPlatform.ITranscodeQueueGrain")]
public interface ITranscodeQueueGrain : IGrainWithStringKey
{
    /// <summary>Idempotent: a job already waiting keeps its place unless it becomes runnable earlier.</summary>
    [Alias("PushJob")]
    Task Push(QueuedJob job);

    /// <summary>The next owner's oldest job that may run now (counted as running on <paramref name="workerId"/>), or null.</summary>
    [Alias("Pop")]
    Task<string?> Pop(string workerId);

    /// <summary>
    /// Returns once a job may run (true) or after <paramref name="max"/> (false): idle workers wait here instead of
    /// polling, so a pushed job starts at once. Keep <paramref name="max"/> under the 30 s response timeout.
    /// </summary>
    [Alias("WaitForWork"), AlwaysInterleave]
    Task<bool> WaitForWork(TimeSpan max, CancellationToken cancellationToken);

    [Alias("Remove")]
    Task Remove(string jobId);

    /// <summary>Who runs the job, or (worker null) that it stopped: its owner's slot is free again.</summary>
    [Alias("SetRunningFor")]
    Task SetRunning(string jobId, string? owner, string? workerId);

    [Alias("Stats"), ReadOnly]
    Task<TranscodeQueueStats> Stats();
}

public static class TranscodeQueue
{
    /// <summary>The one queue every media silo serves.</summary>
    public const string Key = "default";
}
