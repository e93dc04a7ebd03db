namespace VideoPlatform.Grains.Channels;

public sealed class ChannelDirectoryGrain([PersistentState("channels")] IPersistentState<ChannelDirectoryState> state, TimeProvider time)
    : Grain, IChannelDirectoryGrain
{
    // How long a claim holds its place in the owner's count before its channel's listing says Live (or not).
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(30);

    // Kept in memory: a claim lives seconds, and one lost with the activation only lets a publish through the count.
    private readonly Dictionary<string, (string OwnerId, DateTimeOffset Until)> claims = [];

    public async Task Upsert(ChannelListing listing)
    {
        claims.Remove(listing.Id);
        if (state.State.Channels.TryGetValue(listing.Id, out var known) && known == listing)
        {
            return;
        }

        state.State.Channels[listing.Id] = listing;
        await state.WriteStateAsync();
    }

    public Task<bool> IsLive(string channelId) =>
        Task.FromResult(state.State.Channels.TryGetValue(channelId, out var listing) && listing.Status == ChannelStatus.Live);

    public Task<bool> TryClaimLive(string ownerId, string channelId, int max)
    {
        var now = time.GetUtcNow();
        foreach (var expired in claims.Where(c => c.Value.Until <= now).Select(c => c.Key).ToList())
        {
            claims.Remove(expired);
        }

        var live = state.State.Channels.Values.Count(c => c.Id != channelId && c.OwnerId == ownerId && c.Status == ChannelStatus.Live);
        var claimed = claims.Count(c => c.Key != channelId && c.Value.OwnerId == ownerId);
        if (live + claimed >= max)
        {
            return Task.FromResult(false);
        }

        claims[channelId] = (ownerId, now + ClaimLifetime);
        return Task.FromResult(true);
    }

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
