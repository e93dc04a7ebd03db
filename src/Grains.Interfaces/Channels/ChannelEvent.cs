namespace VideoPlatform.Grains.Channels;

/// <summary>Published on the <c>live</c> stream namespace, keyed by channel id. <see cref="Kind"/>: "live" or "ended".</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.ChannelEvent")]
public sealed record ChannelEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string ChannelId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string SessionId,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Reason);
