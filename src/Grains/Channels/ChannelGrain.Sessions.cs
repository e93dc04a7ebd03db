using Microsoft.Extensions.Logging;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Channels;

/// <summary>Publishing, the ingest lease, orphaned-session cleanup and recordings.</summary>
public sealed partial class ChannelGrain
{
    private const string LeaseReminder = "live-lease";
    private IGrainTimer? leaseTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Written before Interrupted was a status: an interrupted session was a Live one with InterruptedAt set.
        if (state.State.Channel is { Status: ChannelStatus.Live, Live.InterruptedAt: not null } old)
        {
            state.State.Channel = old with { Status = ChannelStatus.Interrupted };
        }

        if (HasWork)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<PublishGrant> BeginPublish(PublishRequest request)
    {
        var channel = Channel;
        var now = time.GetUtcNow();
        var (trigger, rejection) = PublishPolicy.Decide(channel.Status, channel.Live, StreamKeys.Matches(state.State.KeyHash, request.KeyHash), now);
        if (trigger is null)
        {
            logger.LogInformation("Channel {Channel}: publish from {Address} rejected ({Why})", ChannelId, request.PublisherAddress, rejection);
            return PublishGrant.Reject(rejection);
        }

        var resumed = trigger == ChannelTrigger.Resume;
        var session = resumed
            ? channel.Live! with { InterruptedAt = null, Connections = channel.Live!.Connections + 1 }
            : new LiveSession
            {
                SessionId = NewId(),
                IngestNode = request.IngestNode,
                ConnectionId = request.ConnectionId,
                StartedAt = now,
                LeaseUntil = now,
                Record = channel.Settings.Record,
            };
        session = session with
        {
            IngestNode = request.IngestNode,
            ConnectionId = request.ConnectionId,
            PublisherAddress = request.PublisherAddress,
            LeaseUntil = now + settings.Lease,
        };
        await FireAsync(trigger.Value, c => c with { Live = session });
        await this.RegisterOrUpdateReminder(LeaseReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTimer();
        if (!resumed)
        {
            await PublishEventAsync("live", session.SessionId, null);
        }

        logger.LogInformation("Channel {Channel}: session {Session} {How} on {Node}", ChannelId, session.SessionId, resumed ? "resumed" : "started", request.IngestNode);
        return new PublishGrant { SessionId = session.SessionId, Resumed = resumed, Lease = settings.Lease, Settings = channel.Settings };
    }

    public async Task<SessionLease> Renew(string sessionId, string connectionId, long bitrate)
    {
        if (Attached(sessionId, connectionId) is not { } session)
        {
            return SessionLease.Lost;
        }

        var media = (session.Media ?? new LiveMediaInfo()) with { Bitrate = bitrate };
        await SaveAsync(Channel with { Live = session with { LeaseUntil = time.GetUtcNow() + settings.Lease, Media = media } });
        return SessionLease.Ok;
    }

    public async Task ReportMedia(string sessionId, string connectionId, LiveMediaInfo media)
    {
        if (Attached(sessionId, connectionId) is { } session)
        {
            await SaveAsync(Channel with { Live = session with { Media = media with { Bitrate = session.Media?.Bitrate ?? media.Bitrate } } });
        }
    }

    public async Task EndPublish(string sessionId, string connectionId, SessionEnd how)
    {
        if (Attached(sessionId, connectionId) is not { } session)
        {
            return;
        }

        if (how == SessionEnd.Unpublished)
        {
            await EndSessionAsync(ChannelTrigger.End, "unpublished");
            return;
        }

        logger.LogInformation("Channel {Channel}: session {Session} interrupted; waiting {Grace} for a reconnect", ChannelId, sessionId, settings.ReconnectGrace);
        await FireAsync(ChannelTrigger.Interrupt, c => c with { Live = session with { InterruptedAt = time.GetUtcNow() } });
    }

    public async Task RecordingFinished(string sessionId, string videoId, bool succeeded)
    {
        var removed = state.State.Pending.RemoveAll(p => p.Job.SessionId == sessionId);
        var channel = Channel;
        // The recording is built (or nothing could be): the live objects go after the linger.
        var linger = await RetireLiveObjectsAsync(sessionId);
        if (succeeded && !channel.Recordings.Contains(videoId))
        {
            await SaveAsync(channel with { Recordings = [videoId, .. channel.Recordings] });
        }
        else if (removed > 0 || linger)
        {
            await state.WriteStateAsync();
        }

        logger.LogInformation("Channel {Channel}: recording of {Session} → {Video}: {Outcome}", ChannelId, sessionId, videoId, succeeded ? "ready" : "nothing recorded");
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckAsync();

    private LiveSession? Attached(string sessionId, string connectionId) =>
        Channel is { Status: ChannelStatus.Live, Live: { } s } && s.SessionId == sessionId && s.ConnectionId == connectionId ? s : null;

    private async Task CheckAsync()
    {
        var channel = state.State.Channel;
        var now = time.GetUtcNow();
        if (channel is { Live: { } session } && PublishPolicy.Expired(channel.Status, session, now, settings.ReconnectGrace) is { } why)
        {
            logger.LogWarning("Channel {Channel}: session {Session} ends: {Why}", ChannelId, session.SessionId, why);
            await EndSessionAsync(ChannelTrigger.End, why);
            // No ingest is left to write the end of the live windows (an unpublish has its ingest do that).
            try
            {
                await GrainFactory.GetGrain<ILiveWindowsGrain>(session.SessionId).Close(ChannelId);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or IOException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Channel {Channel}: could not close the live playlists of {Session}", ChannelId, session.SessionId);
            }
        }

        foreach (var pending in state.State.Pending.Where(p => now - p.RequestedAt > settings.RecordingRetry).ToList())
        {
            await RequestRecordingAsync(pending.Job);
        }

        var due = state.State.Ended.Where(e => e.DeleteAt <= now).ToList();
        foreach (var ended in due)
        {
            await store.DeletePrefixAsync(LivePrefix(ended.SessionId));
            state.State.Ended.Remove(ended);
        }

        if (due.Count > 0)
        {
            await state.WriteStateAsync();
        }

        if (!HasWork)
        {
            StopTimer();
            if (await this.GetReminder(LeaseReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    /// <summary>Live → Idle (or Disabled): the "ended" event, and the recording when the session was recorded.</summary>
    private async Task EndSessionAsync(ChannelTrigger trigger, string reason)
    {
        var channel = Channel;
        if (!ChannelStateMachine.HasSession(channel.Status) || channel.Live is not { } session)
        {
            await FireAsync(trigger, c => c);
            return;
        }

        await FireAsync(trigger, c => c with { Live = null });
        await PublishEventAsync("ended", session.SessionId, reason);
        if (session.Record)
        {
            var job = new RecordingJob
            {
                ChannelId = ChannelId,
                SessionId = session.SessionId,
                VideoId = NewId(),
                OwnerId = channel.OwnerId,
                Title = $"{channel.Name} ({session.StartedAt:yyyy-MM-dd HH:mm} UTC)",
                Media = session.Media,
            };
            await RequestRecordingAsync(job);
        }
        else if (await RetireLiveObjectsAsync(session.SessionId))
        {
            await state.WriteStateAsync();
        }
    }

    private bool HasWork => state.State.Channel is { } c && ChannelStateMachine.HasSession(c.Status) || state.State.Pending.Count > 0 || state.State.Ended.Count > 0;

    private string LivePrefix(string sessionId) => MediaKeys.LiveSessionPrefix(ChannelId, sessionId);

    /// <summary>
    /// An ended session's live objects: kept for <see cref="ChannelLiveSettings.EndedLinger"/> (true: the state
    /// changed and the caller writes it; the timer deletes them later), or deleted now when there is no linger.
    /// </summary>
    private async Task<bool> RetireLiveObjectsAsync(string sessionId)
    {
        if (settings.EndedLinger <= TimeSpan.Zero)
        {
            await store.DeletePrefixAsync(LivePrefix(sessionId));
            return false;
        }

        state.State.Ended.RemoveAll(e => e.SessionId == sessionId);
        state.State.Ended.Add(new EndedLiveObjects(sessionId, time.GetUtcNow() + settings.EndedLinger));
        StartTimer();
        return true;
    }

    private async Task RequestRecordingAsync(RecordingJob job)
    {
        state.State.Pending.RemoveAll(p => p.Job.SessionId == job.SessionId);
        state.State.Pending.Add(new PendingRecording(job, time.GetUtcNow()));
        await state.WriteStateAsync();
        StartTimer();
        try
        {
            await GrainFactory.GetGrain<IRecordingGrain>(job.SessionId).Build(job);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // No media silo right now: the retry in CheckAsync asks again.
            logger.LogWarning(ex, "Channel {Channel}: recording of {Session} not started", ChannelId, job.SessionId);
        }
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
