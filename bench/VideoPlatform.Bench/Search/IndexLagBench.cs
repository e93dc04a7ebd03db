using System.Diagnostics;
using System.Text.Json;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Transcode;

namespace VideoPlatform.Bench.Search;

/// <summary>
/// Figure 8c: short clips are uploaded one after another, each titled with a word of its own, and GET /api/search is
/// polled for that word; a video's lag is the moment search first returns it minus its publishedAt (the Ready
/// transition's timestamp, same clock). The path: durable video stream (ADO.NET, its poll interval) → search
/// projection grain → PostgreSQL document.
/// </summary>
public static class IndexLagBench
{
    public const string Name = "8c Search: index lag from Ready to found, p95";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    public static async Task<Figure> RunAsync(BenchOptions options, PlatformProcess platform, ApiClient api, Workspace work)
    {
        var clip = await TestClip.Generate1080pAsync(work.Folder("clips"), 2);
        await using var landing = await SourceLanding.CreateAsync(api, platform);
        var lags = new List<double>();
        for (var i = 0; i < options.SearchLagVideos; i++)
        {
            var word = $"lag{Guid.NewGuid():N}"[..14];
            var id = await api.CreateVideoAsync($"bench search {word}");
            await landing.LandAsync(id, clip);
            var found = await FoundAsync(api, word, TimeSpan.FromMinutes(3));
            lags.Add(Math.Max(0, (found.At - found.PublishedAt).TotalSeconds));
        }

        lags.Sort();
        var p95 = SearchLatencyBench.Percentile(lags, 0.95);
        Say.Line($"search: index lag p50 {Say.Number(SearchLatencyBench.Percentile(lags, 0.5))} s, p95 {Say.Number(p95)} s over {lags.Count} videos");
        return new Figure
        {
            Id = "8c",
            Name = Name,
            Unit = "s",
            MeasuredLabel = $"p95 of {lags.Count}",
            Measured = Summary.Of([p95]),
            Goal = Goal.MeasuredAtMost(2, "s"),
            Details = new Dictionary<string, double>
            {
                ["videos"] = lags.Count,
                ["p50_s"] = SearchLatencyBench.Percentile(lags, 0.5),
                ["max_s"] = lags[^1],
                ["min_s"] = lags[0],
            },
            Note = $"./vp up's durable streams (Streams:PollInterval 0.5 s), PostgreSQL provider; search polled every {Poll.TotalMilliseconds:0} ms",
        };
    }

    private static async Task<(DateTimeOffset At, DateTimeOffset PublishedAt)> FoundAsync(ApiClient api, string word, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            using var body = JsonDocument.Parse(await api.Http.GetStringAsync(new Uri($"/api/search?q={word}", UriKind.Relative)));
            var at = TimeProvider.System.GetUtcNow();
            if (body.RootElement.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } item)
            {
                return (at, item.GetProperty("publishedAt").GetDateTimeOffset());
            }

            await Task.Delay(Poll);
        }

        throw new TimeoutException($"'{word}' not found by search within {timeout.TotalSeconds:0} s");
    }
}
