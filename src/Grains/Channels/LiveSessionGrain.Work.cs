using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Channels;

/// <summary>The lease and grace checks, the recording hand-off, and the cleanup of the live objects.</summary>
public sealed partial class LiveSessionGrain
{
    private const string LeaseReminder = "live-lease";
    private IGrainTimer? leaseTimer;

    public async Task RecordingFinished(string videoId, bool succeeded)
    {
        if (state.State.ChannelId is null)
        {
            return; // a repeated answer for a session whose work is all done
        }

        state.State.Pending = null;
        // The recording is built (or nothing could be): the live objects go after the linger.
        await RetireLiveObjectsAsync();
        await state.WriteStateAsync();
        if (succeeded)
        {
            await GrainFactory.GetGrain<IChannelGrain>(ChannelId).RecordingAdded(videoId);
        }

        logger.LogInformation("Live session {Session}: recording → {Video}: {Outcome}", SessionId, videoId, succeeded ? "ready" : "nothing recorded");
    }

    public async Task Adopt(LiveSessionHandover handover)
    {
        state.State.ChannelId ??= handover.ChannelId;
        if (handover.Running is { } running && state.State.Start is null)
        {
            state.State.Start = running;
            state.State.Status = running.Session.InterruptedAt is null ? LiveSessionStatus.Publishing : LiveSessionStatus.Interrupted;
        }

        if (handover.PendingRecording is { } job)
        {
            state.State.Pending ??= new PendingRecording(job, handover.RecordingRequestedAt);
        }

        state.State.DeleteLiveObjectsAt ??= handover.DeleteLiveObjectsAt;
        await state.WriteStateAsync();
        await KeepWorkingAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckAsync();

    /// <summary>Publishing or Interrupted → Ended: the "ended" event, and the recording when the session was recorded.</summary>
    private async Task EndAsync(string reason)
    {
        var start = state.State.Start!;
        var session = start.Session;
        state.State.Status = LiveSessionStateMachine.Table.Fire(state.State.Status, LiveSessionTrigger.End);
        Detach(reason);
        await state.WriteStateAsync();
        metrics.SetViewers(SessionId, 0);
        await PublishEventAsync("ended", reason);
        logger.LogInformation("Live session {Session} of {Channel} ended: {Why}", SessionId, ChannelId, reason);
        if (session.Record)
        {
            await RequestRecordingAsync(new RecordingJob
            {
                ChannelId = ChannelId,
                SessionId = SessionId,
                VideoId = PlatformIds.New(),
                OwnerId = start.OwnerId,
                Title = $"{start.ChannelName} ({session.StartedAt:yyyy-MM-dd HH:mm} UTC)",
                Media = session.Media,
            });
        }
        else
        {
            await RetireLiveObjectsAsync();
            await state.WriteStateAsync();
        }
    }

    private async Task CheckAsync()
    {
        var now = time.GetUtcNow();
        if (state.State is { Start.Session: { } session, Status: var status } && PublishPolicy.Expired(status, session, now, settings.ReconnectGrace) is { } why)
        {
            await EndAsync(why);
            await GrainFactory.GetGrain<IChannelGrain>(ChannelId).SessionEnded(SessionId);
            // No ingest is left to write the end of the live windows (an unpublish has its ingest do that).
            try
            {
                await GrainFactory.GetGrain<ILiveWindowsGrain>(SessionId).Close(ChannelId);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or IOException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Live session {Session}: could not close its live playlists", SessionId);
            }
        }

        if (state.State.Pending is { } pending && now - pending.RequestedAt > settings.RecordingRetry)
        {
            await RequestRecordingAsync(pending.Job);
        }

        if (state.State.DeleteLiveObjectsAt <= now)
        {
            await store.DeletePrefixAsync(LivePrefix);
            state.State.DeleteLiveObjectsAt = null;
            await state.WriteStateAsync();
        }

        if (!HasWork)
        {
            StopTimer();
            if (await this.GetReminder(LeaseReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            // Nothing is left of an ended session: its row goes (a late call finds no session and is told so).
            await state.ClearStateAsync();
        }
    }

    private bool HasWork => state.State.Start is not null && state.State.Status != LiveSessionStatus.Ended
        || state.State.Pending is not null || state.State.DeleteLiveObjectsAt is not null;

    private string LivePrefix => MediaKeys.LiveSessionPrefix(ChannelId, SessionId);

    /// <summary>
    /// The ended session's live objects: kept for <see cref="ChannelLiveSettings.EndedLinger"/> (the timer deletes
    /// them later; the caller writes the state), or deleted now when there is no linger.
    /// </summary>
    private async Task RetireLiveObjectsAsync()
    {
        if (settings.EndedLinger <= TimeSpan.Zero)
        {
            await store.DeletePrefixAsync(LivePrefix);
            return;
        }

        state.State.DeleteLiveObjectsAt = time.GetUtcNow() + settings.EndedLinger;
        StartTimer();
    }

    private async Task RequestRecordingAsync(RecordingJob job)
    {
        state.State.Pending = new PendingRecording(job, time.GetUtcNow());
        await state.WriteStateAsync();
        StartTimer();
        try
        {
            await GrainFactory.GetGrain<IRecordingGrain>(job.SessionId).Build(job);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // No media silo right now: the retry in CheckAsync asks again.
            logger.LogWarning(ex, "Live session {Session}: recording not started", SessionId);
        }
    }

    /// <summary>The timer checks often; the reminder brings the grain back after a silo loss.</summary>
    private async Task KeepWorkingAsync()
    {
        await this.RegisterOrUpdateReminder(LeaseReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTimer();
    }

    private void StartTimer()
    {
        var period = TimeSpan.FromTicks(Math.Max(settings.Lease.Ticks / 4, TimeSpan.FromMilliseconds(250).Ticks));
        leaseTimer ??= this.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private void StopTimer()
    {
        leaseTimer?.Dispose();
        leaseTimer = null;
    }
}
