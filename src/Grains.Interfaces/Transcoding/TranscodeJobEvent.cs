namespace VideoPlatform.Grains.Transcoding;

/// <summary>
/// Published on the <c>transcode</c> stream namespace (keyed by video id, the job's key) for every transition of a
/// transcode job, so "how long did jobs wait, take, fail" is a query over the events. At-least-once: de-duplicate by
/// <see cref="EventId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.TranscodeJobEvent")]
public sealed record TranscodeJobEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string VideoId,
    [property: Id(2)] TranscodeJobStatus? From,
    [property: Id(3)] TranscodeJobStatus To,
    [property: Id(4)] int Attempt,
    [property: Id(5)] string? WorkerId,
    [property: Id(6)] string? Reason,
    [property: Id(7)] DateTimeOffset At);
