namespace VideoPlatform.Grains.Channels;

/// <summary>What the channel list shows without activating every channel.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.ChannelListing")]
public sealed record ChannelListing(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? OwnerId,
    [property: Id(3)] ChannelStatus Status,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? LiveSince);

/// <summary>The list of channels (one activation, key "all"); each channel upserts its listing on change.</summary>
[Alias("VideoPlatform.IChannelDirectoryGrain")]
public interface IChannelDirectoryGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(ChannelListing listing);

    /// <summary>Whether the channel exists and has a session: the live endpoints ask this before any channel grain.</summary>
    [Alias("IsLive"), ReadOnly]
    Task<bool> IsLive(string channelId);

    /// <summary>
    /// Whether <paramref name="channelId"/> may start a session: true, and held for it, while <paramref name="ownerId"/>
    /// has fewer than <paramref name="max"/> channels with a session or a claim. Checked and held in one call, so that
    /// publishes starting at once on several channels of one owner cannot all pass the count; a claim ends when the
    /// channel's listing changes, or after 30 s.
    /// </summary>
    [Alias("TryClaimLive")]
    Task<bool> TryClaimLive(string ownerId, string channelId, int max);

    /// <summary>Live channels first (longest live first), then the newest.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<ChannelListing>> List(ChannelStatus? status, int limit);

    /// <summary>One owner's channels, in the same order as <see cref="List"/>.</summary>
    [Alias("ListOwnedBy"), ReadOnly]
    Task<IReadOnlyList<ChannelListing>> ListOwnedBy(string ownerId, ChannelStatus? status, int limit);
}
