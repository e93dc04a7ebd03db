using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Channels;

/// <summary>The channel and live-session grains on the test cluster (3 s lease and reconnect grace), driven as the ingest drives it.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ChannelGrainTests(PlatformClusterFixture cluster)
{
    private async Task<(IChannelGrain Grain, string Key)> CreateAsync(bool record = false)
    {
        var grain = cluster.Client.GetGrain<IChannelGrain>(Guid.NewGuid().ToString("N")[..11]);
        var created = await grain.Create(new CreateChannel { Name = "test", OwnerId = "owner1", Settings = new ChannelSettings { Record = record } });
        return (grain, created.StreamKey);
    }

    private ILiveSessionGrain Session(PublishGrant grant) => cluster.Client.GetGrain<ILiveSessionGrain>(grant.SessionId!);

    private static PublishRequest Publish(string key, string connection = "c1") =>
        new() { KeyHash = StreamKeys.Hash(key), IngestNode = "node-a", ConnectionId = connection, PublisherAddress = "127.0.0.1" };

    [Fact]
    public async Task Create_StoresOnlyTheKeyHash_AndIndexesIt()
    {
        var (grain, key) = await CreateAsync();

        var storage = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");
        var stored = new GrainState<ChannelState>();
        await storage.ReadStateAsync("channel", grain.GetGrainId(), stored);
        Assert.Equal(StreamKeys.Hash(key), stored.State!.KeyHash);
        var json = JsonSerializer.Serialize(stored.State);
        Assert.DoesNotContain(key, json, StringComparison.Ordinal);
        Assert.DoesNotContain(key, JsonSerializer.Serialize(await grain.Get()), StringComparison.Ordinal);
        Assert.Equal(grain.GetPrimaryKeyString(), await cluster.Client.GetGrain<IStreamKeyIndexGrain>(StreamKeys.IndexId(StreamKeys.Hash(key))).Get());
        Assert.Null(await cluster.Client.GetGrain<IStreamKeyIndexGrain>(key).Get());
    }

    [Fact]
    public async Task BeginPublish_WrongKey_Rejected_RightKey_GoesLive_SecondPublisherRejected()
    {
        var (grain, key) = await CreateAsync();

        Assert.Equal(PublishRejection.InvalidKey, (await grain.BeginPublish(Publish(key + "x"))).Rejection);
        var grant = await grain.BeginPublish(Publish(key));
        var second = await grain.BeginPublish(Publish(key, "c2"));

        Assert.True(grant.Accepted);
        Assert.False(grant.Resumed);
        Assert.Equal(PublishRejection.AlreadyLive, second.Rejection);
        var live = (await grain.Get())!;
        Assert.Equal(ChannelStatus.Live, live.Status);
        Assert.Equal(grant.SessionId, live.Live!.SessionId);
        Assert.Equal("node-a", live.Live.IngestNode);
        Assert.Equal(SessionLease.Ok, await Session(grant).Renew("c1", 2_500_000));
        Assert.Equal(SessionLease.Lost, await Session(grant).Renew("c2", 0));
        Assert.Equal(2_500_000, (await grain.Get())!.Live!.Media!.Bitrate);

        await grain.EndPublish(grant.SessionId!, "c1", SessionEnd.Unpublished);
        Assert.Equal(ChannelStatus.Idle, (await grain.Get())!.Status);
    }

    [Fact]
    public async Task EndPublish_Dropped_SameStreamerResumesWithinGrace()
    {
        var (grain, key) = await CreateAsync();
        var first = await grain.BeginPublish(Publish(key));

        await grain.EndPublish(first.SessionId!, "c1", SessionEnd.Dropped);
        var interrupted = (await grain.Get())!;
        var again = await grain.BeginPublish(Publish(key, "c2"));

        Assert.Equal(ChannelStatus.Interrupted, interrupted.Status);
        Assert.NotNull(interrupted.Live!.InterruptedAt);
        Assert.True(again.Resumed);
        Assert.Equal(first.SessionId, again.SessionId);
        Assert.Equal(SessionLease.Lost, await Session(first).Renew("c1", 0));
        Assert.Equal(SessionLease.Ok, await Session(first).Renew("c2", 0));
        Assert.Equal(2, (await grain.Get())!.Live!.Connections);
    }

    [Fact]
    public async Task Dropped_GraceExpires_LiveWindowsGetEndListAndNothingElseChanges()
    {
        var (grain, key) = await CreateAsync();
        var grant = await grain.BeginPublish(Publish(key));
        var store = new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System);
        var prefix = $"live/{grain.GetPrimaryKeyString()}/{grant.SessionId}/";
        const string window = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:3\n#EXTINF:2.000,\nseg_00003.m4s\n";
        await store.PutTextAsync(prefix + "720p/live.m3u8", window);
        await store.PutTextAsync(prefix + "240p/live.m3u8", window + "#EXT-X-ENDLIST\n");
        await store.PutTextAsync(prefix + "720p/index.m3u8", window);

        await grain.EndPublish(grant.SessionId!, "c1", SessionEnd.Dropped);
        var ended = await Eventually.WaitAsync(async () => (await grain.Get())!.Status == ChannelStatus.Idle, TimeSpan.FromSeconds(8));

        Assert.True(ended, "a dropped session must end once its 3 s grace lapses");
        Assert.True(await Eventually.WaitAsync(async () => (await store.GetTextAsync(prefix + "720p/live.m3u8")) != window, TimeSpan.FromSeconds(30)));
        Assert.Equal(window + "#EXT-X-ENDLIST\n", await store.GetTextAsync(prefix + "720p/live.m3u8"));
        Assert.Equal(window + "#EXT-X-ENDLIST\n", await store.GetTextAsync(prefix + "240p/live.m3u8"));
        Assert.Equal(window, await store.GetTextAsync(prefix + "720p/index.m3u8"));
    }

    [Fact]
    public async Task Lease_NotRenewed_SessionEndsWithinLeaseTime()
    {
        var (grain, key) = await CreateAsync();
        await grain.BeginPublish(Publish(key));

        var ended = await Eventually.WaitAsync(async () => (await grain.Get())!.Status == ChannelStatus.Idle, TimeSpan.FromSeconds(8));

        Assert.True(ended, "an orphaned session must end once its 3 s lease lapses");
    }

    [Fact]
    public async Task RotateKey_OldKeyStopsWorking_NewKeyWorks()
    {
        var (grain, key) = await CreateAsync();

        var rotated = await grain.RotateKey();

        Assert.NotEqual(key, rotated.StreamKey);
        Assert.Null(await cluster.Client.GetGrain<IStreamKeyIndexGrain>(StreamKeys.IndexId(StreamKeys.Hash(key))).Get());
        Assert.Equal(PublishRejection.InvalidKey, (await grain.BeginPublish(Publish(key))).Rejection);
        Assert.True((await grain.BeginPublish(Publish(rotated.StreamKey))).Accepted);
    }

    [Fact]
    public async Task Disable_WhileLive_EndsSessionAndRefusesPublishing_EnableRestores()
    {
        var (grain, key) = await CreateAsync();
        var grant = await grain.BeginPublish(Publish(key));

        var disabled = await grain.Update(new ChannelPatch { Disabled = true });

        Assert.Equal(ChannelStatus.Disabled, disabled.Status);
        Assert.Null(disabled.Live);
        Assert.Equal(SessionLease.Lost, await Session(grant).Renew("c1", 0));
        Assert.Equal(PublishRejection.Disabled, (await grain.BeginPublish(Publish(key))).Rejection);
        Assert.Equal(ChannelStatus.Idle, (await grain.Update(new ChannelPatch { Disabled = false })).Status);
        await grain.EndPublish("stale-session", "c1", SessionEnd.Unpublished);
        Assert.Equal(ChannelStatus.Idle, (await grain.Get())!.Status);
    }

    [Fact]
    public async Task PreviousVersionState_LiveWithInterruptedAt_LoadsAsInterrupted()
    {
        var grain = cluster.Client.GetGrain<IChannelGrain>(Guid.NewGuid().ToString("N")[..11]);
        var now = TimeProvider.System.GetUtcNow();
        var sessionId = Guid.NewGuid().ToString("N")[..11];
        // What the previous version wrote for a session waiting for its publisher: Live, with InterruptedAt set.
        await WritePreviousVersionStateAsync(grain, new LiveSession { SessionId = sessionId, IngestNode = "n", ConnectionId = "c1", StartedAt = now, LeaseUntil = now, InterruptedAt = now });

        var loaded = await grain.Get();

        Assert.Equal((ChannelStatus.Interrupted, sessionId), (loaded!.Status, loaded.Live?.SessionId));
    }

    [Fact]
    public async Task PreviousVersionState_RunningSession_CarriesOnInItsSessionGrain()
    {
        var grain = cluster.Client.GetGrain<IChannelGrain>(Guid.NewGuid().ToString("N")[..11]);
        var now = TimeProvider.System.GetUtcNow();
        var sessionId = Guid.NewGuid().ToString("N")[..11];
        await WritePreviousVersionStateAsync(grain, new LiveSession { SessionId = sessionId, IngestNode = "n", ConnectionId = "c1", StartedAt = now, LeaseUntil = now.AddMinutes(1) });

        var loaded = await grain.Get();
        var renewed = await cluster.Client.GetGrain<ILiveSessionGrain>(sessionId).Renew("c1", 1_000_000);
        await grain.EndPublish(sessionId, "c1", SessionEnd.Unpublished);

        Assert.Equal((ChannelStatus.Live, sessionId), (loaded!.Status, loaded.Live?.SessionId));
        Assert.Equal(SessionLease.Ok, renewed);
        Assert.Equal(ChannelStatus.Idle, (await grain.Get())!.Status);
        var stored = new GrainState<ChannelState>();
        await Storage.ReadStateAsync("channel", grain.GetGrainId(), stored);
        Assert.True(stored.State!.SessionsInOwnGrains);
    }

    private IGrainStorage Storage => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");

    /// <summary>A live channel as the version before live-session grains stored it: the session inside the channel's state.</summary>
    private async Task WritePreviousVersionStateAsync(IChannelGrain grain, LiveSession live)
    {
        var channel = new ChannelDetails
        {
            Id = grain.GetPrimaryKeyString(),
            Name = "old",
            Status = ChannelStatus.Live,
            Settings = new ChannelSettings { Record = false },
            Live = live,
            CreatedAt = live.StartedAt,
            UpdatedAt = live.StartedAt,
        };
        await Storage.WriteStateAsync("channel", grain.GetGrainId(), new GrainState<ChannelState> { State = new ChannelState { Channel = channel } });
    }
}
