using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Analytics;

/// <summary>
/// Figure 7: playback events through the Api, the durable stream, the stats grains and the warehouse.
/// 7b runs first, on a quiet pipeline and a video of its own: a POST of a batch that makes a view, until the stats
/// show it (p95 of 20, spaced apart). 7a then offers batches of 50 spread over many videos and sessions at a steady
/// rate: a ramp of short steps finds the highest rate the pipeline keeps up with, and a 60 s run at that rate is the
/// figure (stored rate, and the backlog, accepted minus stored, must not grow over the window).
/// </summary>
public static class AnalyticsBench
{
    private const int Senders = 16;
    private const int BatchSize = 50;
    private const int Videos = 200;
    private const int SessionsPerVideo = 10;
    private const int DelaySamples = 20;
    private static readonly double[] RampRates = [1_000, 2_500, 5_000, 7_500, 10_000, 15_000];
    private static readonly TimeSpan RampStep = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>The start of each run is left out: the stream queues fill to their steady depth.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>Between steps the backlog must drain within this, or the ramp stops.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(20);

    /// <summary>The queues are polled, so the backlog swings by what arrives in about a second.</summary>
    private static readonly TimeSpan BacklogSlack = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan DelayTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DelaySpacing = TimeSpan.FromMilliseconds(500);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, PlatformProcess platform, ApiClient api)
    {
        var connection = platform.PostgresConnectionString ?? throw new InvalidOperationException("the platform runs without PostgreSQL");
        await using var db = NpgsqlDataSource.Create(connection);
        var figures = new List<Figure>();
        if (options.Selected("7b"))
        {
            figures.Add(await DelayAsync(api, await api.CreateVideoAsync("analytics delay bench")));
        }

        if (options.Selected("7a"))
        {
            var videos = new List<string>(Videos);
            for (var i = 0; i < Videos; i++)
            {
                videos.Add(await api.CreateVideoAsync($"analytics load bench {i}"));
            }

            figures.Add(await SustainedAsync(new Load(api, db, videos)));
        }

        return figures;
    }

    private static async Task<Figure> SustainedAsync(Load load)
    {
        Step? best = null;
        var ramp = new List<string>();
        foreach (var rate in RampRates)
        {
            var step = await load.RunAsync(rate, RampStep);
            var drained = await load.DrainAsync();
            ramp.Add($"{rate:0}: stored {step.StoredRate:0}/s{(step.KeptUp ? "" : ", behind")}{(drained ? "" : ", not drained")}");
            Say.Line($"7a ramp: offered {rate:0} events/s, accepted {step.AcceptedRate:0}/s, stored {step.StoredRate:0}/s, backlog {step.BacklogStart} -> {step.BacklogEnd}");
            if (!step.KeptUp || !drained)
            {
                break;
            }

            best = step;
        }

        var rateToHold = best?.Offered ?? RampRates[0];
        var run = await load.RunAsync(rateToHold, Window);
        Say.Line($"7a: {Window.TotalSeconds:0} s at {rateToHold:0} events/s: stored {run.StoredRate:0}/s, backlog {run.BacklogStart} -> {run.BacklogEnd}");
        return new Figure
        {
            Id = "7a",
            Name = Rows.Name("7a"),
            Unit = "events/s",
            MeasuredLabel = $"stored by the warehouse over {Window.TotalSeconds:0} s at the highest offered rate kept up with",
            Measured = Measure.Summary.Of([run.StoredRate]),
            Goal = new Goal(GoalDirection.AtLeast, 5_000, "events/s"),
            Note = $"batches of {BatchSize} over {Videos} videos x {SessionsPerVideo} sessions, {Senders} senders; offered {run.Offered:0}/s, "
                + $"accepted {run.AcceptedRate:0}/s; backlog (accepted - stored) {run.BacklogStart} at {Settle.TotalSeconds:0} s, {run.BacklogEnd} at the end"
                + (run.KeptUp ? " (not growing)" : " (growing)")
                + $"; ramp ({RampStep.TotalSeconds:0} s steps, offered/s): {string.Join("; ", ramp)}",
            Details = new Dictionary<string, double>
            {
                ["offered_per_s"] = run.Offered,
                ["accepted_per_s"] = run.AcceptedRate,
                ["stored_per_s"] = run.StoredRate,
                ["backlog_start"] = run.BacklogStart,
                ["backlog_end"] = run.BacklogEnd,
            },
        };
    }

    private static async Task<Figure> DelayAsync(ApiClient api, string videoId)
    {
        // One untimed sample first: it activates the video's stats grain and compiles the path.
        await DelaySampleAsync(api, videoId);
        var delays = new List<double>();
        for (var i = 0; i < DelaySamples; i++)
        {
            await Task.Delay(DelaySpacing);
            delays.Add(await DelaySampleAsync(api, videoId));
        }

        var sorted = delays.Order().ToList();
        var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
        var timedOut = sorted.Count(d => d >= DelayTimeout.TotalSeconds);
        return new Figure
        {
            Id = "7b",
            Name = Rows.Name("7b"),
            Unit = "s",
            MeasuredLabel = $"POST to stats, p95 of {DelaySamples}",
            Measured = Measure.Summary.Of([p95]),
            Goal = Goal.MeasuredAtMost(2, "s"),
            Note = $"quiet pipeline, a video of its own, samples {DelaySpacing.TotalMilliseconds:0} ms apart, stats polled every 20 ms; "
                + $"median {sorted[sorted.Count / 2]:0.00} s, min {sorted[0]:0.00} s, max {sorted[^1]:0.00} s"
                + (timedOut > 0 ? $"; {timedOut} timed out at {DelayTimeout.TotalSeconds:0} s" : ""),
        };
    }

    /// <summary>A new session that watched 15 s (a view), posted once; seconds until the stats count it.</summary>
    private static async Task<double> DelaySampleAsync(ApiClient api, string videoId)
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
        while (await ViewsAsync(api, videoId) <= before && clock.Elapsed < DelayTimeout)
        {
            await Task.Delay(20);
        }

        return Math.Min(clock.Elapsed.TotalSeconds, DelayTimeout.TotalSeconds);
    }

    private static async Task<long> ViewsAsync(ApiClient api, string videoId)
    {
        using var body = JsonDocument.Parse(await api.Http.GetStringAsync(new Uri($"/api/videos/{videoId}/stats", UriKind.Relative)));
        return body.RootElement.GetProperty("views").GetInt64();
    }

    /// <summary>One run at an offered rate, measured after <see cref="Settle"/>.</summary>
    private sealed record Step(double Offered, double AcceptedRate, double StoredRate, long BacklogStart, long BacklogEnd)
    {
        public bool KeptUp => AcceptedRate >= 0.95 * Offered && BacklogEnd - BacklogStart <= Offered * BacklogSlack.TotalSeconds;
    }

    /// <summary>
    /// Paced senders: batch n is due n × 50 / rate seconds into a run and goes to video n mod 200, so every video
    /// gets a steady share; a session's batches carry sequences 0, 1, 2, … (unique event ids across runs).
    /// </summary>
    private sealed class Load(ApiClient api, NpgsqlDataSource db, IReadOnlyList<string> videos)
    {
        private readonly string runId = Guid.NewGuid().ToString("N")[..8];
        private long nextBatch;
        private long accepted;

        public async Task<Step> RunAsync(double rate, TimeSpan length)
        {
            var first = Interlocked.Read(ref nextBatch);
            var total = (long)(rate * (length + Settle).TotalSeconds / BatchSize);
            var clock = Stopwatch.StartNew();
            var senders = Enumerable.Range(0, Senders).Select(_ => SendAsync(first, total, rate, clock)).ToList();
            await Task.Delay(Settle);
            var startAt = clock.Elapsed;
            var (acceptedAtStart, storedAtStart) = (Interlocked.Read(ref accepted), await StoredAsync());
            await Task.WhenAll(senders);

            // Each sender took one index past the end: the next run starts right after this one's last batch.
            Interlocked.Exchange(ref nextBatch, first + total);
            var seconds = (clock.Elapsed - startAt).TotalSeconds;
            var (acceptedAtEnd, storedAtEnd) = (Interlocked.Read(ref accepted), await StoredAsync());
            return new Step(rate, (acceptedAtEnd - acceptedAtStart) / seconds, (storedAtEnd - storedAtStart) / seconds,
                acceptedAtStart - storedAtStart, acceptedAtEnd - storedAtEnd);
        }

        /// <summary>Waits until everything accepted is stored; false when <see cref="DrainLimit"/> passes first.</summary>
        public async Task<bool> DrainAsync()
        {
            var clock = Stopwatch.StartNew();
            while (await StoredAsync() < Interlocked.Read(ref accepted))
            {
                if (clock.Elapsed > DrainLimit)
                {
                    return false;
                }

                await Task.Delay(500);
            }

            return true;
        }

        private async Task SendAsync(long first, long total, double rate, Stopwatch clock)
        {
            long n;
            while ((n = Interlocked.Increment(ref nextBatch) - 1) < first + total)
            {
                var due = TimeSpan.FromSeconds((n - first) * BatchSize / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                if (await PostAsync(n))
                {
                    Interlocked.Add(ref accepted, BatchSize);
                }
            }
        }

        private async Task<bool> PostAsync(long n)
        {
            var video = (int)(n % videos.Count);
            var round = n / videos.Count;
            var sequence = round / SessionsPerVideo;
            var session = string.Create(CultureInfo.InvariantCulture, $"bench7a-{runId}-{video:D3}-{round % SessionsPerVideo:D2}");
            var now = TimeProvider.System.GetUtcNow();
            var events = Enumerable.Range(0, BatchSize).Select(i => new
            {
                type = "heartbeat", at = now, position = (double)(((sequence * BatchSize) + i) % 80_000),
            }).ToArray();
            using var response = await api.Http.PostAsJsonAsync(new Uri($"/api/videos/{videos[video]}/events", UriKind.Relative), new { sessionId = session, sequence, events });
            return response.IsSuccessStatusCode;
        }

        private async Task<long> StoredAsync()
        {
            await using var command = db.CreateCommand("SELECT count(*) FROM vp_analytics_events WHERE stream = 'playback' AND subject_id = ANY($1)");
            command.Parameters.AddWithValue(videos.ToArray());
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }
}
