using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Channels;

/// <summary>
/// One live session. Status changes go through <see cref="LiveSessionStateMachine"/>; reattach and expiry decisions
/// through <see cref="PublishPolicy"/>. It never waits on its channel (calls to it are one-way), so the channel may
/// call it at any time. This file: publishing; LiveSessionGrain.Work.cs: lease checks, recording and cleanup.
/// </summary>
public sealed partial class LiveSessionGrain(
    [PersistentState("live-session")] IPersistentState<LiveSessionState> state,
    IOptions<ChannelLiveSettings> options,
    IObjectStore store,
    TimeProvider time,
    PlatformMetrics metrics,
    ILogger<LiveSessionGrain> logger) : Grain, ILiveSessionGrain, IRemindable
{
    private static readonly TimeSpan ViewerWindow = TimeSpan.FromSeconds(12);
    private readonly ChannelLiveSettings settings = options.Value;
    private readonly ViewerCounter viewers = new(ViewerWindow);
    private (string ConnectionId, ILiveSessionObserver Observer)? watcher;

    private string SessionId => this.GetPrimaryKeyString();

    private string ChannelId => state.State.ChannelId ?? "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (HasWork)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task Start(LiveSessionStart start)
    {
        if (state.State.Start is not null)
        {
            throw new InvalidOperationException($"Live session '{SessionId}' already started");
        }

        state.State.Start = start;
        state.State.ChannelId = start.ChannelId;
        state.State.Status = LiveSessionStatus.Publishing;
        await state.WriteStateAsync();
        await KeepWorkingAsync();
        await PublishEventAsync("live", null);
    }

    public async Task<SessionResume> Resume(PublishRequest request)
    {
        if (state.State.Start is not { Session: { } session } || state.State.Status == LiveSessionStatus.Ended)
        {
            return SessionResume.Ended;
        }

        var now = time.GetUtcNow();
        if (!PublishPolicy.CanReattach(state.State.Status, session, now))
        {
            return SessionResume.AlreadyLive;
        }

        Detach("another connection took over the session");
        await FireAsync(LiveSessionTrigger.Resume, session with
        {
            InterruptedAt = null,
            Connections = session.Connections + 1,
            IngestNode = request.IngestNode,
            ConnectionId = request.ConnectionId,
            PublisherAddress = request.PublisherAddress,
            LeaseUntil = now + settings.Lease,
        });
        await KeepWorkingAsync();
        return SessionResume.Resumed;
    }

    public async Task<SessionLease> Renew(string connectionId, long bitrate)
    {
        if (Attached(connectionId) is not { } session)
        {
            return SessionLease.Lost;
        }

        var media = (session.Media ?? new LiveMediaInfo()) with { Bitrate = bitrate };
        await SaveAsync(session with { LeaseUntil = time.GetUtcNow() + settings.Lease, Media = media });
        return SessionLease.Ok;
    }

    public Task<SessionLease> Watch(string connectionId, ILiveSessionObserver observer)
    {
        if (Attached(connectionId) is null)
        {
            return Task.FromResult(SessionLease.Lost);
        }

        watcher = (connectionId, observer);
        return Task.FromResult(SessionLease.Ok);
    }

    public async Task ReportMedia(string connectionId, LiveMediaInfo media)
    {
        if (Attached(connectionId) is { } session)
        {
            await SaveAsync(session with { Media = media with { Bitrate = session.Media?.Bitrate ?? media.Bitrate } });
        }
    }

    public async Task<LiveSessionStatus?> EndPublish(string connectionId, SessionEnd how)
    {
        if (Attached(connectionId) is not { } session)
        {
            return null;
        }

        if (how == SessionEnd.Unpublished)
        {
            await EndAsync("unpublished");
        }
        else
        {
            logger.LogInformation("Live session {Session}: interrupted; waiting {Grace} for a reconnect", SessionId, settings.ReconnectGrace);
            await FireAsync(LiveSessionTrigger.Interrupt, session with { InterruptedAt = time.GetUtcNow() });
        }

        return state.State.Status;
    }

    public async Task End(string reason)
    {
        if (state.State.Start is not null && state.State.Status != LiveSessionStatus.Ended)
        {
            await EndAsync(reason);
        }
    }

    public Task<LiveSessionView?> Get() => Task.FromResult(state.State.Start is { } start
        ? new LiveSessionView(state.State.Status, start.Session, state.State.Status == LiveSessionStatus.Ended ? 0 : viewers.Estimate(time.GetUtcNow(), SegmentDuration(start.Settings)))
        : null);

    public Task CountPlaylistFetch()
    {
        var now = time.GetUtcNow();
        viewers.Count(now);
        if (state.State is { Status: not LiveSessionStatus.Ended, Start: { } start })
        {
            metrics.SetViewers(SessionId, viewers.Estimate(now, SegmentDuration(start.Settings)));
        }

        return Task.CompletedTask;
    }

    private static TimeSpan SegmentDuration(ChannelSettings s) => TimeSpan.FromSeconds(s.LatencyMode == LatencyMode.Low ? 1 : 2);

    private LiveSession? Attached(string connectionId) =>
        state.State is { Status: LiveSessionStatus.Publishing, Start.Session: { } s } && s.ConnectionId == connectionId ? s : null;

    /// <summary>Tells the watching connection, if any, that the session is no longer its own.</summary>
    private void Detach(string reason)
    {
        if (watcher is { Observer: var observer })
        {
            watcher = null;
            // One-way: the call returns at once, and a vanished ingest node costs nothing here.
            _ = observer.Ended(reason);
        }
    }

    private async Task FireAsync(LiveSessionTrigger trigger, LiveSession session)
    {
        state.State.Status = LiveSessionStateMachine.Table.Fire(state.State.Status, trigger);
        await SaveAsync(session);
    }

    private async Task SaveAsync(LiveSession session)
    {
        state.State.Start = state.State.Start! with { Session = session };
        await state.WriteStateAsync();
    }

    private Task PublishEventAsync(string kind, string? reason) =>
        this.PublishAsync(StreamNames.Live, ChannelId, new ChannelEvent(Guid.NewGuid(), ChannelId, kind, SessionId, time.GetUtcNow(), reason), logger);
}
