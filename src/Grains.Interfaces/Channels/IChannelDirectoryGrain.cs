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

    /// <summary>Channels of <paramref name="ownerId"/> with a session (publishing or waiting for a reconnect).</summary>
    [Alias("CountLive"), ReadOnly]
    Task<int> CountLive(string ownerId);

    /// <summary>Live channels first (longest live first), then the newest.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<ChannelListing>> List(ChannelStatus? status, int limit);

    /// <summary>One owner's channels, in the same order as <see cref="List"/>.</summary>
    [Alias("ListOwnedBy"), ReadOnly]
    Task<IReadOnlyList<ChannelListing>> ListOwnedBy(string ownerId, ChannelStatus? status, int limit);
}
