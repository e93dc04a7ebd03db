using System.Diagnostics;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.TranscodeSilo.Ingest.Packaging;

namespace VideoPlatform.Bench.Live;

/// <summary>
/// Figure 6a: one 720p publisher (2 s keyframes) into a channel with 2 s segments; per segment, the time from its
/// first frame leaving the publisher until the Api's live playlist lists it, against the same publisher's frames
/// cut by ffmpeg's own HLS muxer on local disk (tee'd from the same process, so both sides see the same frames at
/// the same instants). The first and last segments (start-up, end of stream) are reported apart.
/// </summary>
public static class LatencyBench
{
    private const string Name = "6a Live: glass-to-glass latency at 2 s segments (publisher to Api live playlist), 720p passthrough + 2 re-encoded rungs";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, PlatformProcess platform, ApiClient api, Workspace work)
    {
        var clip = await LiveClip.GenerateAsync(work.Folder("live"), 1280, 720, 2500, options.LatencyPublish);
        var local = work.Fresh("live-local-hls");
        var (channel, key) = await api.CreateChannelAsync("bench latency");
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var source = new PlaylistWatch(LivePlaylists.ThroughApi(api, channel, LiveLadderPlanner.SourceRung), clock);
        var lowest = new PlaylistWatch(LivePlaylists.ThroughApi(api, channel, "240p"), clock);
        var baseline = new PlaylistWatch(LivePlaylists.LocalFile(Path.Combine(local, "index.m3u8")), clock);
        var watching = Task.WhenAll(source.RunAsync(stop.Token), lowest.RunAsync(stop.Token), baseline.RunAsync(stop.Token));
        await using var publisher = Publisher.Start(clip, $"{platform.RtmpUrl}/{key}", local, clock);
        Say.Line($"live latency: publishing {Say.Number(options.LatencyPublish.TotalSeconds)} s of 720p to channel {channel}");
        var (code, errors) = await publisher.WaitAsync(options.LatencyPublish + TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            throw new InvalidOperationException($"the publisher failed ({code}): {errors}");
        }

        // The last segments are listed once the ingest's ffmpeg sees the end of the stream.
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(10);
        while (clock.Elapsed < deadline && (source.Count < baseline.Count || lowest.Count < baseline.Count))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await watching;
        var t0 = publisher.StartSeconds;
        var measured = Steady(source.Segments());
        var local240 = Steady(lowest.Segments());
        var floor = Steady(baseline.Segments());
        if (measured.Count == 0 || floor.Count == 0)
        {
            throw new InvalidOperationException($"too few segments listed: Api {source.Count}, local {baseline.Count}");
        }

        var pairs = measured.Join(floor, m => m.Sequence, b => b.Sequence, (m, b) => m.LatencyFrom(t0) / b.LatencyFrom(t0)).ToList();
        var all = source.Segments();
        var first = all.Count > 0 ? all[0] : null;
        var details = new Dictionary<string, double>
        {
            ["segments_measured"] = measured.Count,
            ["lag_after_last_frame_s"] = Summary.Of(measured.Select(s => s.LagFrom(t0)).ToList()).Median,
            ["baseline_lag_after_last_frame_s"] = Summary.Of(floor.Select(s => s.LagFrom(t0)).ToList()).Median,
            ["lag_growth_s"] = measured[^1].LagFrom(t0) - measured[0].LagFrom(t0),
        };
        if (first is not null)
        {
            details["first_segment_latency_s"] = first.LatencyFrom(t0);
        }

        if (local240.Count > 0)
        {
            details["rung_240p_latency_s"] = Summary.Of(local240.Select(s => s.LatencyFrom(t0)).ToList()).Median;
        }

        var figure = Figure.Compare(
            "6a", Name, "s", "Api live playlist (source rung)", measured.Select(s => s.LatencyFrom(t0)).ToList(),
            "ffmpeg HLS muxer on local disk, same frames", floor.Select(s => s.LatencyFrom(t0)).ToList(), Goal.MeasuredAtMost(4, "s"));
        return
        [
            figure with
            {
                PairRatios = pairs.Count > 0 ? Summary.Of(pairs) : null,
                Details = details,
                Note = $"per segment: first frame leaves the publisher (-re, progress reports) -> the Api's live.m3u8 lists the segment (polled every {PlaylistWatch.Interval.TotalMilliseconds:0} ms); "
                    + $"a player adds its own buffer on top. {measured.Count} steady segments; "
                    + $"after its last frame a segment took {Say.Number(details["lag_after_last_frame_s"])} s to be listed (local muxer {Say.Number(details["baseline_lag_after_last_frame_s"])} s), "
                    + $"changing by {Say.Number(details["lag_growth_s"])} s from the first steady segment to the last (growth = a backlog); "
                    + (first is null ? "" : $"first segment (start-up) {Say.Number(details["first_segment_latency_s"])} s; ")
                    + (local240.Count > 0 ? $"re-encoded 240p rung {Say.Number(details["rung_240p_latency_s"])} s" : "240p rung not listed"),
            },
        ];
    }

    // Without the first segment (the ingest's start-up) and the last (end of stream).
    private static List<SeenSegment> Steady(IReadOnlyList<SeenSegment> segments) =>
        segments.Count <= 2 ? [] : segments.Skip(1).Take(segments.Count - 2).ToList();
}
