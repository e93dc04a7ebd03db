using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Transcoding;

/// <summary>The job's ways out of Running: back into the line (a retry, or a hand-back that does not count), or finished.</summary>
public sealed partial class TranscodeJobGrain
{
    /// <summary>Running → Retrying after a failed attempt, or Failed once the attempts are used up or the failure is final.</summary>
    private async Task RetryOrFailAsync(VideoFailure failure, bool retryable)
    {
        var s = state.State;
        if (retryable && s.Attempts < settings.MaxAttempts)
        {
            s.LastError = failure.Message;
            await RequeueAsync(TranscodeJobTrigger.Retry, failure.Message, time.GetUtcNow() + settings.Backoff(s.Attempts));
            return;
        }

        s.Failure = failure;
        await FinishAsync(TranscodeJobTrigger.GiveUp, failure.Message);
    }

    /// <summary>
    /// Running → Retrying without counting the attempt: its worker gave it back, or never began it. Running → Failed
    /// once the job has been started <see cref="TranscodeJobSettings.MaxStarts"/> times: a source that kills its worker's
    /// process before the first renewal would otherwise be handed back forever.
    /// </summary>
    private async Task HandBackAsync(string reason, DateTimeOffset notBefore)
    {
        var s = state.State;
        s.Attempts--;
        if (s.Starts >= settings.MaxStarts)
        {
            s.Failure = new VideoFailure("transcode_error", $"started {s.Starts} times without finishing (last: {reason}); the source may crash its worker");
            await FinishAsync(TranscodeJobTrigger.GiveUp, s.Failure.Message);
            return;
        }

        await RequeueAsync(TranscodeJobTrigger.Release, reason, notBefore);
    }

    /// <summary>Running → Retrying: the worker lets go, and the queue offers the job again from <paramref name="notBefore"/>.</summary>
    private async Task RequeueAsync(TranscodeJobTrigger trigger, string reason, DateTimeOffset notBefore)
    {
        var s = state.State;
        var worker = s.WorkerId;
        s.WorkerId = null;
        s.LeaseUntil = null;
        await TransitionAsync(trigger, reason, worker);
        StopLeaseTimer();
        // The attempt's ladder stops growing; the next one rewrites it from its first segment.
        await Video.WithdrawPlayback();
        await Queue.SetRunning(JobId, OwnerId, null);
        await Queue.Push(Entry(notBefore));
    }

    /// <summary>
    /// The final write, then the video is told, then the bookkeeping. The reminder goes last: until it is gone, a
    /// crash anywhere after the write is repaired by its next tick telling the video again (both calls are idempotent).
    /// </summary>
    private async Task FinishAsync(TranscodeJobTrigger trigger, string? error)
    {
        state.State.LastError = error ?? state.State.LastError;
        state.State.LeaseUntil = null;
        await TransitionAsync(trigger, error);
        StopLeaseTimer();
        await TellVideoAsync();
        await Queue.SetRunning(JobId, OwnerId, null);
        await UnregisterReminderAsync();
    }
}
