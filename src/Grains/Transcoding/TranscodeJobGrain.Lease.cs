using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Transcoding;

/// <summary>The lease watch: a durable reminder until the job ends, and a fast timer while it runs.</summary>
public sealed partial class TranscodeJobGrain
{
    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckLeaseAsync();

    private async Task CheckLeaseAsync()
    {
        var s = state.State;
        switch (s.Status)
        {
            case TranscodeJobStatus.Running when s.LeaseUntil < time.GetUtcNow() && !s.Begun:
                // Its start was recorded but never reached a working worker (the answer lost with a silo, or the start
                // failed after its write): infrastructure, not the job, so the attempt is not one of MaxAttempts.
                logger.LogWarning("Job {JobId}: {Worker} never renewed its lease; the attempt does not count", JobId, s.WorkerId);
                await HandBackAsync($"worker {s.WorkerId} never began", time.GetUtcNow() + settings.BackoffBase);
                break;
            case TranscodeJobStatus.Running when s.LeaseUntil < time.GetUtcNow():
                logger.LogWarning("Job {JobId}: lease of {Worker} expired", JobId, s.WorkerId);
                await RetryOrFailAsync(new VideoFailure("transcode_error", $"worker {s.WorkerId} stopped renewing its lease"), retryable: true);
                break;
            case TranscodeJobStatus.Running:
                await Queue.SetRunning(JobId, OwnerId, s.WorkerId); // idempotent: a queue that lost its memory counts the slot again
                break;
            case TranscodeJobStatus.Queued or TranscodeJobStatus.Retrying:
                await Queue.Push(Entry(time.GetUtcNow())); // idempotent: repairs a queue that lost the id
                break;
            case TranscodeJobStatus.Succeeded or TranscodeJobStatus.Failed or TranscodeJobStatus.Canceled:
                // Still registered: the silo died between the job's final write and the end of FinishAsync.
                await TellVideoAsync();
                await UnregisterReminderAsync();
                break;
        }
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(LeaseReminder) is { } reminder)
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
