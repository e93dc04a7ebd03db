using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Channels;

/// <summary>
/// One live channel. Status changes go through <see cref="ChannelStateMachine"/>; publish decisions through
/// <see cref="PublishPolicy"/>. The key is kept as a SHA-256 hash and indexed by <see cref="IStreamKeyIndexGrain"/>.
/// This file: administration; ChannelGrain.Sessions.cs: publishing, lease and recordings.
/// </summary>
public sealed partial class ChannelGrain(
    [PersistentState("channel")] IPersistentState<ChannelState> state,
    IOptions<ChannelLiveSettings> options,
    IObjectStore store,
    TimeProvider time,
    ILogger<ChannelGrain> logger) : Grain, IChannelGrain, IRemindable
{
    private static readonly TimeSpan ViewerWindow = TimeSpan.FromSeconds(12);
    private readonly ChannelLiveSettings settings = options.Value;
    private readonly ViewerCounter viewers = new(ViewerWindow);

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

    public Task<ChannelDetails?> Get() => Task.FromResult(state.State.Channel is { } c ? WithViewers(c) : null);

    public async Task<ChannelWithKey> RotateKey()
    {
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
        if (patch.Disabled == true && channel.Status != ChannelStatus.Disabled)
        {
            await EndSessionAsync(ChannelTrigger.Disable, "channel disabled");
        }
        else if (patch.Disabled == false && channel.Status == ChannelStatus.Disabled)
        {
            await FireAsync(ChannelTrigger.Enable, c => c);
        }

        channel = Channel;
        return await SaveAsync(channel with
        {
            Name = patch.Name ?? channel.Name,
            Settings = channel.Settings with
            {
                Record = patch.Record ?? channel.Settings.Record,
                LatencyMode = patch.LatencyMode ?? channel.Settings.LatencyMode,
            },
        });
    }

    public Task CountPlaylistFetch()
    {
        viewers.Count(time.GetUtcNow());
        return Task.CompletedTask;
    }

    private ChannelDetails WithViewers(ChannelDetails channel) => ChannelStateMachine.HasSession(channel.Status)
        ? channel with { Viewers = viewers.Estimate(time.GetUtcNow(), SegmentDuration(channel.Settings)) }
        : channel;

    private static TimeSpan SegmentDuration(ChannelSettings s) => TimeSpan.FromSeconds(s.LatencyMode == LatencyMode.Low ? 1 : 2);

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

    private Task PublishEventAsync(string kind, string sessionId, string? reason) =>
        this.PublishAsync(StreamNames.Live, ChannelId, new ChannelEvent(Guid.NewGuid(), ChannelId, kind, sessionId, time.GetUtcNow(), reason), logger);

    /// <summary>Short ids for sessions and recordings (64 random bits, base64url).</summary>
    private static string NewId() => PlatformIds.New();
}
