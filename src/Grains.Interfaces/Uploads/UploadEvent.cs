namespace VideoPlatform.Grains.Uploads;

/// <summary>
/// Published on the <c>upload</c> stream namespace (keyed by upload id) for every transition of an upload.
/// Delivery is at-least-once: consumers de-duplicate by <see cref="EventId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.UploadEvent")]
public sealed record UploadEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string UploadId,
    [property: Id(2)] string VideoId,
    [property: Id(3)] string? OwnerId,
    [property: Id(4)] UploadStatus? From,
    [property: Id(5)] UploadStatus To,
    [property: Id(6)] long Length,
    [property: Id(7)] DateTimeOffset At);
