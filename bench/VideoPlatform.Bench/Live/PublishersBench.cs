using System.Diagnostics;
using VideoPlatform.Bench.Load;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.TranscodeSilo.Ingest.Packaging;

namespace VideoPlatform.Bench.Live;

/// <summary>
/// Figure 6b: 1 then 4 (full: 1, 2, 4, 8) publishers at once, each a 360p H.264/AAC stream at 500 kb/s that the media silo
/// passes through (no re-encode), for a bounded time per step. A publisher keeps up when its publish succeeds,
/// every segment of its clip is listed through the Api, and no steady segment is listed more than one segment
/// duration after its last frame left the publisher (no backlog builds). Also the media silo's CPU per publisher.
/// </summary>
public static class PublishersBench
{
    private const double SegmentSeconds = 2;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, PlatformProcess platform, ApiClient api, Workspace work)
    {
        var clip = await LiveClip.GenerateAsync(work.Folder("live"), 640, 360, 500, options.PublishersStep);
        var siloPid = ProcessCpu.Find(Path.Combine(options.RepoRoot, "src", "TranscodeSilo", "bin"), "VideoPlatform.TranscodeSilo.dll");
        var steps = new List<Step>();
        foreach (var count in options.PublisherCounts)
        {
            var step = await StepAsync(options, platform, api, clip, count, siloPid);
            steps.Add(step);
            Say.Line($"live publishers: {step.KeptUp}/{count} kept up, lag median {Say.Number(step.LagMedian)} s, max {Say.Number(step.LagMax)} s, media silo CPU {Say.Number(step.SiloCpuPerPublisher * 100, "0.0")}% of a core per publisher");
            if (step.KeptUp < count)
            {
                break; // the next step would only be worse; keep the run bounded
            }
        }

        var best = steps.Where(s => s.KeptUp == s.Count).Select(s => s.Count).DefaultIfEmpty(0).Max();
        var cpu = steps.Where(s => s.SiloCpuPerPublisher > 0).Select(s => s.SiloCpuPerPublisher).ToList();
        var details = new Dictionary<string, double> { ["publishers_kept_up"] = best };
        foreach (var s in steps)
        {
            details[$"n{s.Count}_kept_up"] = s.KeptUp;
            details[$"n{s.Count}_lag_median_s"] = s.LagMedian;
            details[$"n{s.Count}_lag_max_s"] = s.LagMax;
            details[$"n{s.Count}_silo_cpu_cores_per_publisher"] = s.SiloCpuPerPublisher;
        }

        var perCore = cpu.Count > 0 && Summary.Of(cpu).Median > 0 ? 1 / Summary.Of(cpu).Median : 0;
        return
        [
            new Figure
            {
                Id = "6b",
                Name = $"6b Live: passthrough publishers per node (360p H.264/AAC 500 kb/s, {Say.Number(options.PublishersStep.TotalSeconds)} s per step, tried {string.Join(", ", steps.Select(s => s.Count))})",
                Unit = "publishers",
                MeasuredLabel = "all kept up at",
                Measured = Summary.Of([best]),
                Details = details,
                Note = string.Join("; ", steps.Select(s =>
                    $"{s.Count}: {s.KeptUp}/{s.Count} kept up, listed {Say.Number(s.LagMedian)} s (max {Say.Number(s.LagMax)} s) after a segment's last frame, media silo + its ffmpeg {Say.Number(s.SiloCpuPerPublisher * 100, "0.0")}% of a core each"))
                    + (perCore > 0 ? $"; by CPU alone one core would pass through about {Say.Number(perCore, "0")} such streams (an extrapolation, not measured)" : "")
                    + (steps.FirstOrDefault(s => s.Problem is not null) is { } failed ? $"; {failed.Problem}" : ""),
            },
        ];
    }

    private static async Task<Step> StepAsync(BenchOptions options, PlatformProcess platform, ApiClient api, string clip, int count, int? siloPid)
    {
        var channels = await Task.WhenAll(Enumerable.Range(0, count).Select(i => api.CreateChannelAsync($"bench publishers {count}-{i}")));
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var watches = channels.Select(c => new PlaylistWatch(LivePlaylists.ThroughApi(api, c.Id, LiveLadderPlanner.SourceRung), clock)).ToList();
        var watching = Task.WhenAll(watches.Select(w => w.RunAsync(stop.Token)));
        var cpuBefore = siloPid is { } pid ? ProcessCpu.OfWithChildren(pid) : TimeSpan.Zero;
        var publishers = channels.Select(c => Publisher.Start(clip, $"{platform.RtmpUrl}/{c.StreamKey}", null, clock)).ToList();
        try
        {
            var exits = await Task.WhenAll(publishers.Select(p => p.WaitAsync(options.PublishersStep + TimeSpan.FromSeconds(30))));
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(8);
            while (clock.Elapsed < deadline && watches.Any(w => w.ListedSeconds < options.PublishersStep.TotalSeconds - 0.5))
            {
                await Task.Delay(100);
            }

            await stop.CancelAsync();
            await watching;
            await WaitSessionsEndedAsync(api, channels.Select(c => c.Id).ToList());
            var cpu = siloPid is { } p ? (ProcessCpu.OfWithChildren(p) - cpuBefore).TotalSeconds / options.PublishersStep.TotalSeconds / count : 0;
            var lags = new List<double>();
            var kept = 0;
            string? problem = null;
            for (var i = 0; i < count; i++)
            {
                var segments = watches[i].Segments();
                var t0 = publishers[i].StartSeconds;
                var steady = segments.Count > 2 ? segments.Skip(1).Take(segments.Count - 2).Select(s => s.LagFrom(t0)).ToList() : [];
                lags.AddRange(steady);
                var complete = segments.Sum(s => s.Duration) >= options.PublishersStep.TotalSeconds - 0.5;
                if (exits[i].Code == 0 && complete && steady.Count > 0 && steady.Max() <= SegmentSeconds)
                {
                    kept++;
                }
                else
                {
                    problem ??= $"at {count}: publisher {i} exit {exits[i].Code}, {Say.Number(segments.Sum(s => s.Duration))} s of {Say.Number(options.PublishersStep.TotalSeconds)} s listed, worst lag {(steady.Count > 0 ? Say.Number(steady.Max()) : "-")} s {exits[i].Errors}".Trim();
                }
            }

            return new Step(count, kept, lags.Count > 0 ? Summary.Of(lags).Median : double.NaN, lags.Count > 0 ? lags.Max() : double.NaN, cpu, problem);
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync();
            }
        }
    }

    // The next step must not share the node with the last one's closing sessions.
    private static async Task WaitSessionsEndedAsync(ApiClient api, IReadOnlyList<string> channels)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var sessions = await Task.WhenAll(channels.Select(api.LiveSessionAsync));
            if (sessions.All(s => s is null))
            {
                return;
            }

            await Task.Delay(200);
        }
    }

    private sealed record Step(int Count, int KeptUp, double LagMedian, double LagMax, double SiloCpuPerPublisher, string? Problem);
}
