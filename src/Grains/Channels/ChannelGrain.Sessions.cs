using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Channels;

/// <summary>Publishing (the channel decides on the key and status, its session grain on the lease) and old state.</summary>
public sealed partial class ChannelGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Written before Interrupted was a status: an interrupted session was a Live one with InterruptedAt set.
        if (state.State.Channel is { Status: ChannelStatus.Live, Live.InterruptedAt: not null } old)
        {
            state.State.Channel = old with { Status = ChannelStatus.Interrupted };
        }

        if (state.State is { Channel: not null, SessionsInOwnGrains: false })
        {
            await HandOverSessionsAsync();
        }
    }

    public async Task<PublishGrant> BeginPublish(PublishRequest request)
    {
        var channel = Channel;
        var (trigger, rejection) = PublishPolicy.Decide(channel.Status, StreamKeys.Matches(state.State.KeyHash, request.KeyHash));
        if (trigger == ChannelTrigger.Resume && channel.Live is { } current)
        {
            switch (await Session(current.SessionId).Resume(request))
            {
                case SessionResume.Resumed:
                    await FireAsync(ChannelTrigger.Resume, c => c with { Live = current with { InterruptedAt = null } });
                    logger.LogInformation("Channel {Channel}: session {Session} resumed on {Node}", ChannelId, current.SessionId, request.IngestNode);
                    return Grant(current.SessionId, resumed: true);
                case SessionResume.AlreadyLive:
                    (trigger, rejection) = (null, PublishRejection.AlreadyLive);
                    break;
                default:
                    // The session ended on its own and its one-way notice has not arrived yet.
                    await FireAsync(ChannelTrigger.End, c => c with { Live = null });
                    trigger = ChannelTrigger.Publish;
                    break;
            }
        }

        if (trigger is null)
        {
            logger.LogInformation("Channel {Channel}: publish from {Address} rejected ({Why})", ChannelId, request.PublisherAddress, rejection);
            return PublishGrant.Reject(rejection);
        }

        channel = Channel;
        if (channel.OwnerId is { } owner && !await GrainFactory.GetGrain<IChannelDirectoryGrain>("all").TryClaimLive(owner, ChannelId, settings.MaxLiveSessionsPerUser))
        {
            logger.LogInformation("Channel {Channel}: publish rejected, {Owner} already has {Max} live sessions", ChannelId, owner, settings.MaxLiveSessionsPerUser);
            return PublishGrant.Reject(PublishRejection.TooManySessions);
        }

        var now = time.GetUtcNow();
        var session = new LiveSession
        {
            SessionId = PlatformIds.New(),
            IngestNode = request.IngestNode,
            ConnectionId = request.ConnectionId,
            PublisherAddress = request.PublisherAddress,
            StartedAt = now,
            LeaseUntil = now + settings.Lease,
            Record = channel.Settings.Record,
        };
        await Session(session.SessionId).Start(new LiveSessionStart
        {
            ChannelId = ChannelId,
            OwnerId = channel.OwnerId,
            ChannelName = channel.Name,
            Settings = channel.Settings,
            Session = session,
        });
        await FireAsync(ChannelTrigger.Publish, c => c with { Live = session });
        logger.LogInformation("Channel {Channel}: session {Session} started on {Node}", ChannelId, session.SessionId, request.IngestNode);
        return Grant(session.SessionId, resumed: false);
    }

    public async Task EndPublish(string sessionId, string connectionId, SessionEnd how)
    {
        if (state.State.Channel is not { Live.SessionId: var current } channel || current != sessionId || !ChannelStateMachine.HasSession(channel.Status))
        {
            return;
        }

        switch (await Session(sessionId).EndPublish(connectionId, how))
        {
            case LiveSessionStatus.Ended:
                await FireAsync(ChannelTrigger.End, c => c with { Live = null });
                break;
            case LiveSessionStatus.Interrupted when channel.Status == ChannelStatus.Live:
                var now = time.GetUtcNow();
                await FireAsync(ChannelTrigger.Interrupt, c => c with { Live = c.Live! with { InterruptedAt = now } });
                break;
        }
    }

    public async Task SessionEnded(string sessionId)
    {
        if (state.State.Channel is { Live.SessionId: var current } channel && current == sessionId && ChannelStateMachine.HasSession(channel.Status))
        {
            await FireAsync(ChannelTrigger.End, c => c with { Live = null });
        }
    }

    /// <summary>Only a channel written by the previous version has a reminder: its session grains hold theirs now.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private PublishGrant Grant(string sessionId, bool resumed) =>
        new() { SessionId = sessionId, Resumed = resumed, Lease = settings.Lease, Settings = Channel.Settings };

    /// <summary>
    /// The previous version kept the running session, unconfirmed recordings and lingering live objects in the
    /// channel's state: each goes to its session grain, so a session live during an upgrade carries on.
    /// </summary>
    private async Task HandOverSessionsAsync()
    {
        var channel = state.State.Channel!;
        if (channel.Live is { } live && ChannelStateMachine.HasSession(channel.Status))
        {
            await Session(live.SessionId).Adopt(new LiveSessionHandover
            {
                ChannelId = ChannelId,
                Running = new LiveSessionStart { ChannelId = ChannelId, OwnerId = channel.OwnerId, ChannelName = channel.Name, Settings = channel.Settings, Session = live },
            });
        }

        foreach (var pending in state.State.Pending)
        {
            await Session(pending.Job.SessionId).Adopt(new LiveSessionHandover { ChannelId = ChannelId, PendingRecording = pending.Job, RecordingRequestedAt = pending.RequestedAt });
        }

        foreach (var ended in state.State.Ended)
        {
            await Session(ended.SessionId).Adopt(new LiveSessionHandover { ChannelId = ChannelId, DeleteLiveObjectsAt = ended.DeleteAt });
        }

        state.State.Pending.Clear();
        state.State.Ended.Clear();
        state.State.SessionsInOwnGrains = true;
        await state.WriteStateAsync();
    }
}
