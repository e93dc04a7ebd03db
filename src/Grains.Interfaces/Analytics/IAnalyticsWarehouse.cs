namespace VideoPlatform.Grains.Analytics;

/// <summary>
/// The raw event store (PostgreSQL in production): every playback and lifecycle event once, by event id.
/// Grains reach it through this interface only.
/// </summary>
public interface IAnalyticsWarehouse
{
    /// <summary>Stores the events not stored yet and returns those, each with its warehouse sequence (insert order).</summary>
    Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<WarehouseEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Playback events of a video stored after <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<(long Sequence, PlaybackEvent Event)>> ReadPlaybackAsync(
        string videoId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TimeseriesPoint>> TimeseriesAsync(
        string videoId, DateTimeOffset from, DateTimeOffset to, TimeseriesBucket bucket, CancellationToken cancellationToken = default);
}

/// <summary>One warehouse row. <see cref="Stream"/> is the stream namespace, <see cref="SubjectId"/> its key.</summary>
public sealed record WarehouseEvent
{
    public required string EventId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Stream { get; init; }
    public required string SubjectId { get; init; }
    public required string Type { get; init; }
    /// <summary>The whole event as JSON (camelCase), so any field can be queried.</summary>
    public required string Data { get; init; }
    public PlaybackEvent? Playback { get; init; }
}

public sealed record StoredEvent(string EventId, long Sequence);
