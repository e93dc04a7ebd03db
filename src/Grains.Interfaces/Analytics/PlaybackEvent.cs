namespace VideoPlatform.Grains.Analytics;

public enum PlaybackEventType { Play, Heartbeat, Seek, Pause, Ended, Error, Rendition }

/// <summary>
/// One player report, published by the Api on the <c>playback</c> stream (keyed by video id) in the batches players
/// send. <see cref="EventId"/> is <c>{sessionId}:{batch sequence}:{index}</c>, so a retried batch repeats its ids and
/// consumers de-duplicate; <see cref="Order"/> sorts a session's events the same way (batch sequence, then index).
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.PlaybackEvent")]
public sealed record PlaybackEvent
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required string SessionId { get; init; }
    [Id(2)] public required long Order { get; init; }
    [Id(3)] public required PlaybackEventType Type { get; init; }
    [Id(4)] public required DateTimeOffset At { get; init; }
    [Id(5)] public required double Position { get; init; }
    [Id(6)] public string? Rendition { get; init; }
    [Id(7)] public int? StartupMs { get; init; }
    [Id(8)] public int? BufferingMs { get; init; }
    [Id(9)] public string? ErrorCode { get; init; }
    /// <summary>Who watched, across videos (<see cref="Recommendations.ViewerKeys"/>); null when the player gave no viewer id.</summary>
    [Id(10)] public string? ViewerId { get; init; }

    /// <summary>Events of one batch are ordered by index below this many (the Api accepts at most 100).</summary>
    public const int OrderStride = 128;

    public static string IdOf(string sessionId, long sequence, int index) => $"{sessionId}:{sequence}:{index}";
}
