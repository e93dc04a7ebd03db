namespace VideoPlatform.Grains.Channels;

public sealed class ChannelDirectoryGrain([PersistentState("channels")] IPersistentState<ChannelDirectoryState> state)
    : Grain, IChannelDirectoryGrain
{
    public async Task Upsert(ChannelListing listing)
    {
        if (state.State.Channels.TryGetValue(listing.Id, out var known) && known == listing)
        {
            return;
        }

        state.State.Channels[listing.Id] = listing;
        await state.WriteStateAsync();
    }

    public Task<bool> IsLive(string channelId) =>
        Task.FromResult(state.State.Channels.TryGetValue(channelId, out var listing) && listing.Status == ChannelStatus.Live);

    public Task<int> CountLive(string ownerId) =>
        Task.FromResult(state.State.Channels.Values.Count(c => c.OwnerId == ownerId && c.Status == ChannelStatus.Live));

    public Task<IReadOnlyList<ChannelListing>> List(ChannelStatus? status, int limit) => Page(status, limit, _ => true);

    public Task<IReadOnlyList<ChannelListing>> ListOwnedBy(string ownerId, ChannelStatus? status, int limit) =>
        Page(status, limit, c => c.OwnerId == ownerId);

    private Task<IReadOnlyList<ChannelListing>> Page(ChannelStatus? status, int limit, Func<ChannelListing, bool> include)
    {
        IReadOnlyList<ChannelListing> page = state.State.Channels.Values
            .Where(c => (status is null || c.Status == status) && include(c))
            .OrderBy(c => c.Status == ChannelStatus.Live ? 0 : 1)
            .ThenBy(c => c.LiveSince ?? DateTimeOffset.MaxValue)
            .ThenByDescending(c => c.CreatedAt)
            .Take(Math.Clamp(limit, 1, 500))
            .ToList();
        return Task.FromResult(page);
    }
}

[GenerateSerializer, Alias("VideoPlatform.ChannelDirectoryState")]
public sealed class ChannelDirectoryState
{
    [Id(0)] public Dictionary<string, ChannelListing> Channels { get; set; } = [];
}
