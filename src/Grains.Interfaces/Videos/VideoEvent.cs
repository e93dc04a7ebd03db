namespace VideoPlatform.Grains.Videos;

/// <summary>
/// Published on the <c>video</c> stream namespace (keyed by video id) for every transition and edit.
/// Delivery is at-least-once: consumers de-duplicate by <see cref="EventId"/> or by <see cref="Version"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.VideoEvent")]
public sealed record VideoEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string VideoId,
    [property: Id(2)] VideoStatus? From,
    [property: Id(3)] VideoStatus To,
    [property: Id(4)] string Kind,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] long Version);
