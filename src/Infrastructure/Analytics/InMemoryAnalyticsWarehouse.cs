using VideoPlatform.Grains.Analytics;

namespace VideoPlatform.Infrastructure.Analytics;

/// <summary>
/// The warehouse when the platform runs without PostgreSQL (development, unit tests): one per silo, lost on restart.
/// Timeseries follow the same <see cref="WatchRule"/> as the PostgreSQL query.
/// </summary>
public sealed class InMemoryAnalyticsWarehouse : IAnalyticsWarehouse
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> ids = [];
    private readonly List<(long Sequence, string VideoId, PlaybackEvent Event)> playback = [];
    private long sequence;

    public Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<WarehouseEvent> events, CancellationToken cancellationToken = default)
    {
        var stored = new List<StoredEvent>();
        lock (gate)
        {
            foreach (var e in events)
            {
                if (ids.ContainsKey(e.EventId))
                {
                    continue;
                }

                ids[e.EventId] = ++sequence;
                stored.Add(new StoredEvent(e.EventId, sequence));
                if (e.Playback is { } p)
                {
                    playback.Add((sequence, e.SubjectId, p));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<StoredEvent>>(stored);
    }

    public Task<IReadOnlyList<(long Sequence, PlaybackEvent Event)>> ReadPlaybackAsync(
        string videoId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<(long, PlaybackEvent)> page = playback
                .Where(p => p.VideoId == videoId && p.Sequence > afterSequence)
                .Take(limit)
                .Select(p => (p.Sequence, p.Event))
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<TimeseriesPoint>> TimeseriesAsync(
        string videoId, DateTimeOffset from, DateTimeOffset to, TimeseriesBucket bucket, CancellationToken cancellationToken = default)
    {
        List<PlaybackEvent> events;
        lock (gate)
        {
            events = playback.Where(p => p.VideoId == videoId).Select(p => p.Event).ToList();
        }

        var points = new SortedDictionary<DateTimeOffset, (long Views, double Watch)>();
        foreach (var session in events.GroupBy(e => e.SessionId))
        {
            PlaybackEvent? previous = null;
            double watched = 0;
            foreach (var e in session.OrderBy(e => e.Order))
            {
                var w = previous is null ? 0 : WatchRule.Watched(previous.Type, previous.At, previous.Position, e);
                var view = watched < WatchRule.ViewAfterSeconds && watched + w >= WatchRule.ViewAfterSeconds ? 1 : 0;
                watched += w;
                previous = e;
                if (e.At >= from && e.At < to)
                {
                    var at = Truncate(e.At, bucket);
                    var point = points.GetValueOrDefault(at);
                    points[at] = (point.Views + view, point.Watch + w);
                }
            }
        }

        IReadOnlyList<TimeseriesPoint> result = points.Select(p => new TimeseriesPoint(p.Key, p.Value.Views, Math.Round(p.Value.Watch, 3))).ToList();
        return Task.FromResult(result);
    }

    private static DateTimeOffset Truncate(DateTimeOffset at, TimeseriesBucket bucket)
    {
        var utc = at.ToUniversalTime();
        return bucket == TimeseriesBucket.Day
            ? new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
