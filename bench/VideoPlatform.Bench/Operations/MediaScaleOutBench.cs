using System.Diagnostics;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Transcode;

namespace VideoPlatform.Bench.Operations;

/// <summary>
/// Figure 10a: four 30 s 1080p uploads landed at once, on a platform with one media silo and then on one with two
/// (<c>./vp up --media N</c>, default slots per silo). Reported: the wall time from the first byte sent to the last
/// video Ready, the ratio two/one, and the most jobs seen encoding at the same moment (videos in <c>processing</c>,
/// polled every 250 ms). On a machine with few cores two silos share the same cores, so the ratio shows the
/// scheduling, not the gain more nodes would bring.
/// </summary>
public static class MediaScaleOutBench
{
    private const int Uploads = 4;
    private const int ClipSeconds = 30;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, Workspace work) => await Guard.RunAsync(async () =>
    {
        var clip = await TestClip.Generate1080pAsync(work.Folder("clips"), ClipSeconds);
        var one = await RunOnceAsync(options, clip, mediaSilos: 1);
        var two = await RunOnceAsync(options, clip, mediaSilos: 2);
        var name = Rows.Name("10a");
        return [Figure.Compare("10a", name, "s", "wall, 2 media silos", [two.Wall.TotalSeconds], "wall, 1 media silo", [one.Wall.TotalSeconds], goal: null) with
        {
            Details = new Dictionary<string, double>
            {
                ["parallel_jobs_1_silo"] = one.Parallel,
                ["parallel_jobs_2_silos"] = two.Parallel,
                ["cores"] = Environment.ProcessorCount,
            },
            Note = $"{Uploads} uploads of a {ClipSeconds} s 1080p clip landed together; most jobs at once: {two.Parallel} (two silos) vs {one.Parallel} (one silo); "
                + "slots per media silo: cores/2 (at least 1); both silos share this machine's cores",
        }];
    }, Rows.Row("10a"));

    private static async Task<(TimeSpan Wall, int Parallel)> RunOnceAsync(BenchOptions options, string clip, int mediaSilos)
    {
        var environment = new Dictionary<string, string> { ["VP_MEDIA_SILOS"] = mediaSilos.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await using var platform = await PlatformProcess.StartAsync(options, TimeSpan.FromSeconds(240), environment);
        using var api = new ApiClient(platform.Api);
        await api.SignInAsync();
        await using var landing = await SourceLanding.CreateAsync(api, platform);
        var ids = new List<string>();
        for (var i = 0; i < Uploads; i++)
        {
            ids.Add(await api.CreateVideoAsync($"bench scale-out {mediaSilos} #{i + 1}"));
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(id => landing.LandAsync(id, clip)));
        var parallel = 0;
        var done = new HashSet<string>();
        while (done.Count < ids.Count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"{ids.Count - done.Count} of {ids.Count} videos not Ready after 30 min");
            }

            var statuses = await Task.WhenAll(ids.Select(async id => (Id: id, Status: await api.StatusAsync(id))));
            parallel = Math.Max(parallel, statuses.Count(s => s.Status == "processing"));
            foreach (var (id, status) in statuses.Where(s => s.Status is "ready" or "failed"))
            {
                done.Add(status == "ready" ? id : throw new InvalidOperationException($"video {id} failed"));
            }

            await Task.Delay(250);
        }

        Say.Line($"10a: {mediaSilos} media silo(s): {Uploads} videos Ready in {Say.Seconds(clock.Elapsed)}, at most {parallel} encoding at once");
        return (clock.Elapsed, parallel);
    }
}
