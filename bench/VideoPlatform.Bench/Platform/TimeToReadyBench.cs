using System.Diagnostics;
using VideoPlatform.Bench.Load;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Transcode;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Bench.Platform;

/// <summary>
/// Figure 2 (upload → Ready and upload → first playable through the running platform) and figure 1b (the platform's job, from the moment
/// the video turns Processing to Ready), both against ffmpeg encoding the same ladder directly.
/// </summary>
public static class TimeToReadyBench
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private const int WarmUpClipSeconds = 2;

    // Figure 2b's goal, on the ratio to the raw encode (see PlayableGoalApplies).
    private const double PlayableGoal = 0.6;

    // Untimed jobs first, until the hosts' code is compiled: .NET compiles a method again, optimised, once it has run 30
    // times, and much of a job's code runs a few times per job. On 2 s jobs right after a start, the platform's
    // processes used 6.1 s of CPU on the first job, 2.0 on the second, 1.1-1.5 on the next three and 0.4-1.1 from the
    // sixth on; with a single warm-up job they used 0.22 cores over the timed jobs against 0.06 over the raw encodes.
    private const int WarmUpJobs = 6;

    // While the encode is far from done the suite looks rarely: its own Api calls would take CPU from ffmpeg.
    private static readonly TimeSpan SlowPollInterval = TimeSpan.FromMilliseconds(500);

    // Until the growing ladder is announced (figure 2b), a little faster: the answer's resolution is the poll's.
    private static readonly TimeSpan PlayablePollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<(IReadOnlyList<Figure> Figures, string? ReadyVideoId)> RunAsync(
        BenchOptions options, PlatformProcess platform, ApiClient api, Workspace work)
    {
        var seconds = options.ReadyClipSeconds;
        var clip = await TestClip.Generate1080pAsync(work.Folder("clips"), seconds);
        var job = await LadderJob.PlanAsync(clip, new TranscodeOptions());
        await using var landing = await SourceLanding.CreateAsync(api, platform);
        for (var i = 0; i < WarmUpJobs; i++)
        {
            await PrepareReadyVideoAsync(platform, api, work, WarmUpClipSeconds);
        }

        var siloPid = ProcessCpu.Find(Path.Combine(options.RepoRoot, "src", "TranscodeSilo", "bin"), "VideoPlatform.TranscodeSilo.dll");
        var hosts = HostsCpu.Find(options.RepoRoot);
        var jobHostCores = new List<double>();
        var rawHostCores = new List<double>();
        var observations = new List<JobObservation>();
        var uploads = new List<double>();
        var waits = new List<double>();
        var processing = new List<double>();
        var playable = new List<double>();
        string? readyId = null;
        var runs = await Paired.RunAsync(
            options.ReadyRuns,
            async i =>
            {
                var (ready, cores) = await hosts.OverAsync(() => PlatformRunAsync(i));
                jobHostCores.Add(cores);
                return ready;
            },
            async i =>
            {
                var folder = work.Fresh("raw-ready-out");
                var (raw, cores) = await hosts.OverAsync(async () => (await Processes.TimeAsync("ffmpeg", job.Arguments, folder)).TotalSeconds);
                rawHostCores.Add(cores);
                Say.Line($"ready {i + 1}/{options.ReadyRuns}: raw ffmpeg {Say.Number(raw)} s");
                return raw;
            });

        async Task<double> PlatformRunAsync(int i)
        {
            var id = await api.CreateVideoAsync($"bench ready {i}");
            var wallAtZero = TimeProvider.System.GetUtcNow();
            var clock = Stopwatch.StartNew();
            var siloCpu = siloPid is { } pid ? ProcessCpu.Of([pid]) : TimeSpan.Zero;
            await using var watcher = siloPid is { } silo ? new MediaSiloWatcher(silo, clock) : null;
            await landing.LandAsync(id, clip);
            var uploaded = clock.Elapsed;
            var (started, firstPlayable, ready) = await WaitReadyAsync(api, id, clock, TimeSpan.FromSeconds(seconds * 20 + 120), () => watcher?.EncodeDone == true);
            if (watcher is not null)
            {
                observations.Add(new JobObservation(
                    uploaded.TotalSeconds, started.TotalSeconds, ready.TotalSeconds, await watcher.StopAsync(),
                    LastObjectWritten(platform, id, wallAtZero), (ProcessCpu.Of([siloPid!.Value]) - siloCpu).TotalSeconds));
            }

            uploads.Add(uploaded.TotalSeconds);
            waits.Add((started - uploaded).TotalSeconds);
            processing.Add((ready - started).TotalSeconds);
            playable.Add(firstPlayable.TotalSeconds);
            readyId = id;
            Say.Line($"ready {i + 1}/{options.ReadyRuns}: upload {Say.Seconds(uploaded)}, queued {Say.Seconds(started - uploaded)}, playable at {Say.Seconds(firstPlayable)}, processing {Say.Seconds(ready - started)}, Ready at {Say.Seconds(ready)}");
            return ready.TotalSeconds;
        }

        var hostsNote = $"the platform's processes (Api, silos, PostgreSQL) used {Say.Number(Summary.Of(jobHostCores).Median)} cores over the jobs and {Say.Number(Summary.Of(rawHostCores).Median)} over the raw encodes (medians)";
        var stages = $"upload {Say.Number(Summary.Of(uploads).Median)} s ({landing.How}), queue wait {Say.Number(Summary.Of(waits).Median)} s, processing {Say.Number(Summary.Of(processing).Median)} s (medians)";
        var toReady = Figure.Compare(
            "2a", $"2a Time to Ready, {seconds} s 1080p upload", "s", "upload start to Ready", runs, "raw ffmpeg ladder encode", goal: null) with
        {
            Note = stages,
            Details = new Dictionary<string, double>
            {
                ["upload_s"] = Summary.Of(uploads).Median,
                ["queue_wait_s"] = Summary.Of(waits).Median,
                ["processing_s"] = Summary.Of(processing).Median,
                ["hosts_cores_jobs"] = Summary.Of(jobHostCores).Median,
                ["hosts_cores_raw"] = Summary.Of(rawHostCores).Median,
            },
        };
        var pairs = processing.Zip(runs.Baseline, (p, b) => p / b).ToList();
        var jobOverhead = Figure.Compare(
            "1b", $"1b Transcode overhead through the platform, {seconds} s clip", "s", "job start (Processing) to Ready", processing,
            "raw ffmpeg, same arguments", runs.Baseline, Goal.AtMost(1.05)) with
        {
            PairRatios = Summary.Of(pairs),
            Note = "the media silo's job: source (hashed in place or downloaded), probe, encode, thumbnails, publish to the store, grain updates; " + stages + "; " + hostsNote,
            Trace = observations.Count > 0 ? JobTrace.Median(observations) : null,
        };
        var judged = PlayableGoalApplies(seconds);
        var firstPlayable = Figure.Compare(
            "2b", $"2b Time to first playable, {seconds} s 1080p upload", "s", "upload start to playable (the growing ladder announced, still Processing)", playable,
            "raw ffmpeg ladder encode (whole clip)", runs.Baseline, judged ? Goal.AtMost(PlayableGoal) : null) with
        {
            PairRatios = Summary.Of(playable.Zip(runs.Baseline, (p, b) => p / b).ToList()),
            Note = $"every rung's first {LadderPlan.SegmentSeconds} s segment encoded, copied to the store with its EVENT playlist, a master with planned bandwidths, the video told; polled every 100 ms until seen"
                + (judged ? "" : $"; goal (<= {Say.Number(PlayableGoal)}) not judged on a {seconds} s clip: its first segment alone is {Say.Number((double)LadderPlan.SegmentSeconds / seconds)} of the encode (--full judges it on a longer clip)"),
        };
        return ([jobOverhead, toReady, firstPlayable], readyId);
    }

    /// <summary>
    /// The first-playable goal is for long uploads (the benchmark issue names 60 s). A rung is playable once its first
    /// segment is encoded, so on a clip only a few segments long that segment alone sets a floor near or above the goal
    /// (2/3 of the encode on the quick run's 6 s clip): it is judged only where that floor is at most half of it.
    /// </summary>
    public static bool PlayableGoalApplies(int clipSeconds) => (double)LadderPlan.SegmentSeconds / clipSeconds <= PlayableGoal / 2;

    /// <summary>For figures 4 and 5 run without figure 2 (--only): one short clip through the platform, not timed.</summary>
    public static async Task<string> PrepareReadyVideoAsync(PlatformProcess platform, ApiClient api, Workspace work, int seconds = 4)
    {
        var clip = await TestClip.Generate1080pAsync(work.Folder("clips"), seconds);
        await using var landing = await SourceLanding.CreateAsync(api, platform);
        var id = await api.CreateVideoAsync("bench playback");
        await landing.LandAsync(id, clip);
        await WaitReadyAsync(api, id, Stopwatch.StartNew(), TimeSpan.FromSeconds(180));
        return id;
    }

    /// <summary>
    /// Waits <paramref name="interval"/> before the next look at the Api, but no longer than until the encode exits: a
    /// long pause that happened to start just before it would otherwise add up to its whole length to the Ready time.
    /// The watcher's signal costs the platform nothing; the looks at the Api stay rare.
    /// </summary>
    private static async Task PauseAsync(TimeSpan interval, Func<bool>? encodeDone)
    {
        var start = Stopwatch.GetTimestamp();
        var doneBefore = encodeDone?.Invoke() == true;
        do
        {
            await Task.Delay(interval < PollInterval ? interval : PollInterval);
        }
        while (Stopwatch.GetElapsedTime(start) < interval && (doneBefore || encodeDone?.Invoke() != true));
    }

    // The publish writes the master playlist last; the FileSystem store keeps each object as a file.
    private static double? LastObjectWritten(PlatformProcess platform, string videoId, DateTimeOffset wallAtZero)
    {
        var folder = Path.Combine(platform.StoreRoot, "objects", "vod", videoId);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Max(f => (new DateTimeOffset(File.GetLastWriteTimeUtc(f)) - wallAtZero).TotalSeconds)
            : null;
    }

    /// <param name="encodeDone">From the /proc watcher: the job's encode has exited, so Ready is moments away. Progress
    /// alone comes too late for short clips: it reaches the video once a second and the encode ends below 90%.</param>
    private static async Task<(TimeSpan Started, TimeSpan Playable, TimeSpan Ready)> WaitReadyAsync(
        ApiClient api, string id, Stopwatch clock, TimeSpan timeout, Func<bool>? encodeDone = null)
    {
        TimeSpan? started = null;
        TimeSpan? playable = null;
        while (clock.Elapsed < timeout)
        {
            var video = await api.GetVideoAsync(id);
            var status = video.GetProperty("status").GetString();
            var progress = video.TryGetProperty("progress", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Number ? p.GetInt32() : 0;
            if (status == "processing")
            {
                started ??= clock.Elapsed;
                if (video.TryGetProperty("playback", out var playback) && playback.ValueKind == System.Text.Json.JsonValueKind.Object)
                {
                    playable ??= clock.Elapsed;
                }
            }
            else if (status == "ready")
            {
                return (started ?? clock.Elapsed, playable ?? clock.Elapsed, clock.Elapsed);
            }
            else if (status is "failed" or "deleted")
            {
                throw new InvalidOperationException($"video {id} became {status}: {await api.GetVideoAsync(id)}");
            }

            var nearlyDone = progress >= 90 || encodeDone?.Invoke() == true;
            await PauseAsync(status != "processing" || nearlyDone ? PollInterval : playable is null ? PlayablePollInterval : SlowPollInterval, encodeDone);
        }

        throw new TimeoutException($"video {id} was not Ready after {timeout.TotalSeconds:0} s (status {await api.StatusAsync(id)})");
    }
}
