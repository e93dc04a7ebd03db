using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;

namespace VideoPlatform.Bench.Analytics;

/// <summary>
/// Figure 7: playback events through the Api, the durable stream, the stats grain and the warehouse.
/// 7a: 8 senders post batches of 50 for 60 s; the rate is what the warehouse stored between 10 s and 60 s, and the
/// backlog (posted − stored) must not grow over that time. 7b: a POST of a batch that makes a view, until the stats
/// show it (p95 of 20).
/// </summary>
public static class AnalyticsBench
{
    private const int Senders = 8;
    private const int BatchSize = 50;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, PlatformProcess platform, ApiClient api)
    {
        var videoId = await api.CreateVideoAsync("analytics bench");
        var connection = platform.PostgresConnectionString ?? throw new InvalidOperationException("the platform runs without PostgreSQL");
        await using var db = NpgsqlDataSource.Create(connection);
        var figures = new List<Figure>();
        if (options.Selected("7a"))
        {
            figures.Add(await SustainedAsync(api, db, videoId));
        }

        if (options.Selected("7b"))
        {
            figures.Add(await DelayAsync(api, videoId));
        }

        return figures;
    }

    private static async Task<Figure> SustainedAsync(ApiClient api, NpgsqlDataSource db, string videoId)
    {
        long posted = 0;
        var clock = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, Senders).Select(async sender =>
        {
            var session = $"bench-sender-{sender:D2}-{Guid.NewGuid():N}"[..40];
            for (var sequence = 0; clock.Elapsed < Window; sequence++)
            {
                var now = TimeProvider.System.GetUtcNow();
                var events = Enumerable.Range(0, BatchSize).Select(i => new
                {
                    type = "heartbeat", at = now, position = (double)(((sequence * BatchSize) + i) % 80_000),
                }).ToArray();
                using var response = await api.Http.PostAsJsonAsync(new Uri($"/api/videos/{videoId}/events", UriKind.Relative), new { sessionId = session, sequence, events });
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref posted, BatchSize);
                }
            }
        }).ToList();
        await Task.Delay(Warmup);
        var (storedAtStart, postedAtStart) = (await StoredAsync(db, videoId), Interlocked.Read(ref posted));
        var startAt = clock.Elapsed;
        await Task.WhenAll(senders);
        var (storedAtEnd, postedAtEnd) = (await StoredAsync(db, videoId), Interlocked.Read(ref posted));
        var seconds = (clock.Elapsed - startAt).TotalSeconds;
        var rate = (storedAtEnd - storedAtStart) / seconds;
        var backlogStart = postedAtStart - storedAtStart;
        var backlogEnd = postedAtEnd - storedAtEnd;
        return new Figure
        {
            Id = "7a",
            Name = Rows.Name("7a"),
            Unit = "events/s",
            MeasuredLabel = "stored by the warehouse",
            Measured = Measure.Summary.Of([rate]),
            Goal = new Goal(GoalDirection.AtLeast, 5_000, "events/s"),
            Note = $"posted {(postedAtEnd - postedAtStart) / seconds:0} events/s; backlog {backlogStart} at {Warmup.TotalSeconds:0} s, {backlogEnd} at the end"
                + (backlogEnd > backlogStart + rate ? " (growing)" : " (not growing)"),
        };
    }

    private static async Task<Figure> DelayAsync(ApiClient api, string videoId)
    {
        var delays = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var before = await ViewsAsync(api, videoId);
            var now = TimeProvider.System.GetUtcNow();
            var clock = Stopwatch.StartNew();
            using var response = await api.Http.PostAsJsonAsync(new Uri($"/api/videos/{videoId}/events", UriKind.Relative), new
            {
                sessionId = $"bench-delay-{Guid.NewGuid():N}",
                sequence = 0,
                events = new object[]
                {
                    new { type = "play", at = now.AddSeconds(-15), position = 0.0 },
                    new { type = "heartbeat", at = now, position = 15.0 },
                },
            });
            response.EnsureSuccessStatusCode();
            while (await ViewsAsync(api, videoId) <= before && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }

            delays.Add(clock.Elapsed.TotalSeconds);
        }

        var sorted = delays.Order().ToList();
        var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
        return new Figure
        {
            Id = "7b",
            Name = Rows.Name("7b"),
            Unit = "s",
            MeasuredLabel = "POST to stats, p95 of 20",
            Measured = Measure.Summary.Of([p95]),
            Goal = Goal.MeasuredAtMost(2, "s"),
            Note = $"median {sorted[sorted.Count / 2]:0.00} s",
        };
    }

    private static async Task<long> ViewsAsync(ApiClient api, string videoId)
    {
        using var body = JsonDocument.Parse(await api.Http.GetStringAsync(new Uri($"/api/videos/{videoId}/stats", UriKind.Relative)));
        return body.RootElement.GetProperty("views").GetInt64();
    }

    private static async Task<long> StoredAsync(NpgsqlDataSource db, string videoId)
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM vp_analytics_events WHERE stream = 'playback' AND subject_id = $1");
        command.Parameters.AddWithValue(videoId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
