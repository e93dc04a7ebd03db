using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Grains.Channels;

/// <summary>
/// One live channel. Status changes go through <see cref="ChannelStateMachine"/>; publish decisions through
/// <see cref="PublishPolicy"/>. The key is kept as a SHA-256 hash and indexed by <see cref="IStreamKeyIndexGrain"/>.
/// Each session is a <see cref="LiveSessionGrain"/>, which this grain starts, resumes and ends.
/// This file: administration; ChannelGrain.Sessions.cs: publishing and the hand-over of state from the previous version.
/// </summary>
public sealed partial class ChannelGrain(
    [PersistentState("channel")] IPersistentState<ChannelState> state,
    IOptions<ChannelLiveSettings> options,
    TimeProvider time,
    ILogger<ChannelGrain> logger) : Grain, IChannelGrain, IRemindable
{
    private readonly ChannelLiveSettings settings = options.Value;

    private string ChannelId => this.GetPrimaryKeyString();

    private ChannelDetails Channel => state.State.Channel ?? throw new ChannelNotFoundException(ChannelId);

    public async Task<ChannelWithKey> Create(CreateChannel command)
    {
        if (state.State.Channel is not null)
        {
            throw new InvalidOperationException($"Channel '{ChannelId}' already exists");
        }

        var now = time.GetUtcNow();
        var key = StreamKeys.New();
        state.State.KeyHash = StreamKeys.Hash(key);
        state.State.SessionsInOwnGrains = true;
        await GrainFactory.GetGrain<IStreamKeyIndexGrain>(StreamKeys.IndexId(state.State.KeyHash)).Set(ChannelId);
        var channel = new ChannelDetails
        {
            Id = ChannelId,
            Name = command.Name,
            OwnerId = command.OwnerId,
            Status = ChannelStatus.Idle,
            Settings = command.Settings,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return new ChannelWithKey(await SaveAsync(channel), key);
    }

    public async Task<ChannelDetails?> Get() => state.State.Channel is { } c ? await WithSessionAsync(c) : null;

    public async Task<ChannelWithKey> RotateKey()
    {
        // Whoever published with the old key loses the stream with it (a leaked key is the usual reason to rotate).
        await EndSessionAsync(ChannelTrigger.End, "stream key rotated");
        var channel = Channel;
        var old = state.State.KeyHash;
        var key = StreamKeys.New();
        state.State.KeyHash = StreamKeys.Hash(key);
        await GrainFactory.GetGrain<IStreamKeyIndexGrain>(StreamKeys.IndexId(state.State.KeyHash)).Set(ChannelId);
        channel = await SaveAsync(channel);
        if (old is not null)
        {
            await GrainFactory.GetGrain<IStreamKeyIndexGrain>(StreamKeys.IndexId(old)).Clear(ChannelId);
        }

        return new ChannelWithKey(channel, key);
    }

    public async Task<ChannelDetails> Update(ChannelPatch patch)
    {
        var channel = Channel;
        var moderated = channel.Moderated;
        if (patch.Disabled == true && channel.Status != ChannelStatus.Disabled)
        {
            await EndSessionAsync(ChannelTrigger.Disable, patch.ByAdmin ? "channel disabled by an admin" : "channel disabled");
        }
        else if (patch.Disabled == false && channel.Status == ChannelStatus.Disabled && (patch.ByAdmin || !moderated))
        {
            // The Api answers an owner's attempt to lift a moderation 403; here it is simply not lifted.
            await FireAsync(ChannelTrigger.Enable, c => c);
        }

        channel = Channel;
        if (patch.Disabled is { } disabled && patch.ByAdmin)
        {
            moderated = disabled;
        }

        return await SaveAsync(channel with
        {
            Moderated = moderated,
            Name = patch.Name ?? channel.Name,
            Settings = channel.Settings with
            {
                Record = patch.Record ?? channel.Settings.Record,
                LatencyMode = patch.LatencyMode ?? channel.Settings.LatencyMode,
            },
        });
    }

    public async Task RecordingAdded(string videoId)
    {
        var channel = Channel;
        if (!channel.Recordings.Contains(videoId))
        {
            await SaveAsync(channel with { Recordings = [videoId, .. channel.Recordings] });
        }
    }

    /// <summary>The snapshot with its session as it is now (lease, media, viewers); Idle once the session has ended.</summary>
    private async Task<ChannelDetails> WithSessionAsync(ChannelDetails channel)
    {
        if (!ChannelStateMachine.HasSession(channel.Status) || channel.Live is not { } live)
        {
            return channel;
        }

        return await Session(live.SessionId).Get() switch
        {
            { Status: LiveSessionStatus.Ended } or null => channel with { Status = ChannelStatus.Idle, Live = null },
            var view => channel with
            {
                Status = view.Status == LiveSessionStatus.Interrupted ? ChannelStatus.Interrupted : ChannelStatus.Live,
                Live = view.Session,
                Viewers = view.Viewers,
            },
        };
    }

    /// <summary>Ends the channel's session, if any (its ingest connection is told at once), and fires <paramref name="trigger"/>.</summary>
    private async Task EndSessionAsync(ChannelTrigger trigger, string reason)
    {
        var channel = Channel;
        var hasSession = channel.Live is not null && ChannelStateMachine.HasSession(channel.Status);
        if (hasSession)
        {
            await Session(channel.Live!.SessionId).End(reason);
        }

        if (hasSession || trigger != ChannelTrigger.End)
        {
            await FireAsync(trigger, c => c with { Live = null });
        }
    }

    private async Task<ChannelDetails> FireAsync(ChannelTrigger trigger, Func<ChannelDetails, ChannelDetails> change)
    {
        var channel = Channel;
        var to = ChannelStateMachine.Table.Fire(channel.Status, trigger);
        return await SaveAsync(change(channel) with { Status = to });
    }

    private async Task<ChannelDetails> SaveAsync(ChannelDetails channel)
    {
        channel = channel with { UpdatedAt = time.GetUtcNow(), Version = channel.Version + 1 };
        state.State.Channel = channel;
        await state.WriteStateAsync();
        // An interrupted channel is listed as live: viewers still watch its window while the streamer reconnects.
        var listed = ChannelStateMachine.HasSession(channel.Status) ? ChannelStatus.Live : channel.Status;
        await GrainFactory.GetGrain<IChannelDirectoryGrain>("all").Upsert(
            new ChannelListing(channel.Id, channel.Name, channel.OwnerId, listed, channel.CreatedAt, channel.Live?.StartedAt));
        return channel;
    }

    private ILiveSessionGrain Session(string sessionId) => GrainFactory.GetGrain<ILiveSessionGrain>(sessionId);
}
