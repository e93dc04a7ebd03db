using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using VideoPlatform.Grains.Analytics;

namespace VideoPlatform.Infrastructure.Analytics;

/// <summary>
/// The warehouse in <c>vp_analytics_events</c> (migration 0007): one multi-row INSERT per batch, idempotent on the
/// event id; day partitions are created the first time a day is written (and the next day ahead).
/// </summary>
public sealed class PostgresAnalyticsWarehouse(NpgsqlDataSource dataSource) : IAnalyticsWarehouse
{
    private readonly ConcurrentDictionary<DateOnly, bool> partitions = new();

    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<WarehouseEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return [];
        }

        foreach (var day in events.Select(e => DateOnly.FromDateTime(e.At.UtcDateTime)).Distinct())
        {
            await EnsurePartitionAsync(day, cancellationToken);
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO vp_analytics_events (event_id, at, stream, subject_id, type, session_id, ord, position, data)
            SELECT * FROM unnest(@ids, @ats, @streams, @subjects, @types, @sessions, @ords, @positions, @data::jsonb[])
            ON CONFLICT DO NOTHING
            RETURNING event_id, seq
            """);
        command.Parameters.Add(Array("ids", NpgsqlDbType.Text, events.Select(e => e.EventId)));
        command.Parameters.Add(Array("ats", NpgsqlDbType.TimestampTz, events.Select(e => e.At.UtcDateTime)));
        command.Parameters.Add(Array("streams", NpgsqlDbType.Text, events.Select(e => e.Stream)));
        command.Parameters.Add(Array("subjects", NpgsqlDbType.Text, events.Select(e => e.SubjectId)));
        command.Parameters.Add(Array("types", NpgsqlDbType.Text, events.Select(e => e.Type)));
        command.Parameters.Add(Array("sessions", NpgsqlDbType.Text, events.Select(e => e.Playback?.SessionId)));
        command.Parameters.Add(Array("ords", NpgsqlDbType.Bigint, events.Select(e => e.Playback?.Order)));
        command.Parameters.Add(Array("positions", NpgsqlDbType.Double, events.Select(e => e.Playback?.Position)));
        command.Parameters.Add(Array("data", NpgsqlDbType.Text, events.Select(e => e.Data)));
        var stored = new List<StoredEvent>(events.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(new StoredEvent(reader.GetString(0), reader.GetInt64(1)));
        }

        return stored;
    }

    public async Task<IReadOnlyList<(long Sequence, PlaybackEvent Event)>> ReadPlaybackAsync(
        string videoId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT seq, data FROM vp_analytics_events
            WHERE stream = 'playback' AND subject_id = @video AND seq > @after
            ORDER BY seq LIMIT @limit
            """);
        command.Parameters.AddWithValue("video", videoId);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        var page = new List<(long, PlaybackEvent)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetInt64(0), WarehouseRows.ReadPlayback(reader.GetString(1))));
        }

        return page;
    }

    /// <summary>The same rule as <see cref="WatchRule"/>, per session in event order; a view falls in the bucket of the event that completed it.</summary>
    public async Task<IReadOnlyList<TimeseriesPoint>> TimeseriesAsync(
        string videoId, DateTimeOffset from, DateTimeOffset to, TimeseriesBucket bucket, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH ordered AS (
                SELECT session_id, ord, at, type, position,
                       lag(type) OVER w AS prev_type, lag(position) OVER w AS prev_position, lag(at) OVER w AS prev_at
                FROM vp_analytics_events
                WHERE stream = 'playback' AND subject_id = @video
                WINDOW w AS (PARTITION BY session_id ORDER BY ord)
            ), watched AS (
                SELECT session_id, ord, at,
                       CASE WHEN prev_type IN ('play', 'heartbeat', 'rendition', 'seek') AND type <> 'seek'
                            THEN LEAST(GREATEST(position - prev_position, 0),
                                       GREATEST(extract(epoch FROM at - prev_at)::double precision, 0) + {Sql(WatchRule.SlackSeconds)})
                            ELSE 0 END AS w
                FROM ordered
            ), running AS (
                SELECT at, w, sum(w) OVER (PARTITION BY session_id ORDER BY ord) AS total FROM watched
            )
            SELECT date_trunc(@bucket, at, 'UTC') AS bucket,
                   count(*) FILTER (WHERE total >= {Sql(WatchRule.ViewAfterSeconds)} AND total - w < {Sql(WatchRule.ViewAfterSeconds)}),
                   sum(w)
            FROM running
            WHERE at >= @from AND at < @to
            GROUP BY 1 ORDER BY 1
            """);
        command.Parameters.AddWithValue("video", videoId);
        command.Parameters.AddWithValue("bucket", bucket == TimeseriesBucket.Day ? "day" : "hour");
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        var points = new List<TimeseriesPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new TimeseriesPoint(
                new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero), reader.GetInt64(1), Math.Round(reader.GetDouble(2), 3)));
        }

        return points;
    }

    private async Task EnsurePartitionAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (partitions.ContainsKey(day))
        {
            return;
        }

        foreach (var d in new[] { day, day.AddDays(1) })
        {
            var from = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = d.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await using var command = dataSource.CreateCommand(
                $"CREATE TABLE IF NOT EXISTS vp_analytics_events_{d:yyyyMMdd} PARTITION OF vp_analytics_events " +
                $"FOR VALUES FROM ('{from} 00:00:00+00') TO ('{to} 00:00:00+00')");
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // Another writer created it at the same moment.
            }
        }

        partitions[day] = true;
    }

    private static string Sql(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };
}
