using System.Diagnostics;
using System.Security.Cryptography;
using VideoPlatform.Bench.Load;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Upload;

/// <summary>
/// Figure 3: tus upload throughput through the Api (FileSystem store) against a plain user-space copy of the same
/// file onto the same disk (read + write through 1 MiB buffers; no copy_file_range shortcut, no fsync). 3a sends
/// the file in one PATCH (what tus-js-client and Uppy do unless told otherwise); 3c in 8 MiB PATCHes.
/// </summary>
public static class UploadBench
{
    private const string Name = "3a Upload throughput, tus (one PATCH, the clients' default) via the Api, FileSystem store";

    private const string ChunkedName = "3c Upload throughput, tus (8 MiB PATCHes) via the Api, FileSystem store";

    private const string CeilingName = "3d Upload ceiling: one PATCH to a bare Kestrel endpoint writing a file with the Api's write path (its socket buffers, the body taken from the socket; no tus, no grains), reference";

    private const string SendfileClientName = "3e Upload throughput, tus (one PATCH) from a client that copies none of the body (sendfile), reference";

    /// <summary>The selected ones of 3a, 3c, 3d and 3e against the running platform.</summary>
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, PlatformProcess platform, ApiClient api, Workspace work)
    {
        if (!await api.HasTusAsync())
        {
            return [Figure.NotMeasuredRow("3a", Name, "tus endpoint missing (OPTIONS /api/uploads has no Tus-Version)") with { Goal = Goal.AtLeast(0.7) }];
        }

        var mib = options.UploadMiB;
        var file = await RandomFileAsync(work.Folder("upload"), mib);
        await WarmUpAsync(api, file, WarmUpUploads);
        var figures = new List<Figure>();
        if (options.Selected("3a"))
        {
            var (whole, quiet) = await MeasureAsync(options.UploadRuns, mib, platform, api, file, Sending.Copying);
            figures.Add(Figure.Compare("3a", $"{Name}, {mib} MiB", "MiB/s", "tus", whole, "file copy", Goal.AtLeast(0.7)) with { Note = quiet.Describe() });
        }

        if (options.Selected("3e"))
        {
            var (sendfile, quiet) = await MeasureAsync(options.ReferenceUploadRuns, mib, platform, api, file, Sending.Sendfile);
            figures.Add(Figure.Compare("3e", $"{SendfileClientName}, {mib} MiB", "MiB/s", "tus", sendfile, "file copy", null) with { Note = $"{SendfileNote}; {quiet.Describe()}" });
        }

        if (options.Selected("3c"))
        {
            var (chunked, quiet) = await MeasureAsync(options.ReferenceUploadRuns, mib, platform, api, file, Sending.Chunks);
            figures.Add(Figure.Compare("3c", $"{ChunkedName}, {mib} MiB", "MiB/s", "tus", chunked, "file copy", null) with { Note = quiet.Describe() });
        }

        if (options.Selected("3d"))
        {
            var (ceiling, quiet) = await CeilingAsync(options, mib, platform, file);
            figures.Add(Figure.Compare("3d", $"{CeilingName}, {mib} MiB", "MiB/s", "bare Kestrel", ceiling, "file copy", null) with { Note = quiet.Describe() });
        }

        return figures;
    }

    // 3a's client reads each MiB of the file into a buffer and sends it: two copies and the sending half of loopback TCP,
    // which on two cores cost about as much CPU as the Api's side. 3e takes the client's copies away.
    private const string SendfileNote =
        "the same upload as 3a with the body handed to the socket by sendfile(2): what the server takes in when the client copies nothing";

    /// <summary>How a timed upload's body leaves the client.</summary>
    private enum Sending
    {
        /// <summary>One PATCH, the file handed to the socket with sendfile(2): the client copies nothing.</summary>
        Sendfile,

        /// <summary>One PATCH through HttpClient's StreamContent (what 3a has always sent): each MiB read into a buffer, then sent.</summary>
        Copying,

        /// <summary>8 MiB PATCHes through HttpClient.</summary>
        Chunks,
    }

    /// <summary>
    /// The whole file in one PATCH, for another platform (3b: the S3 store), against <paramref name="baseline"/>: another
    /// way of storing the same file, which times itself (given the file and the run's index) so that it can clean up
    /// outside its clock. Each side warms up once.
    /// </summary>
    public static async Task<Paired> OnePatchAsync(
        BenchOptions options, int mib, PlatformProcess platform, ApiClient api, Workspace work, string baselineLabel, Func<string, int, Task<TimeSpan>> baseline)
    {
        var file = await RandomFileAsync(work.Folder("upload"), mib);
        // One is enough here: the store (s3rver: about 100 MiB/s) bounds these runs, not the Api's warm-up.
        await WarmUpAsync(api, file, 1);
        await baseline(file, -1);
        return await Paired.RunAsync(
            options.S3UploadRuns,
            i => TusRunAsync(options.S3UploadRuns, mib, platform, api, file, Sending.Copying, null, i),
            async i =>
            {
                await PrimeAsync(mib, platform);
                var rate = mib / (await baseline(file, i)).TotalSeconds;
                Say.Line($"upload {i + 1}/{options.S3UploadRuns}: {baselineLabel} {Say.Number(rate, "0")} MiB/s");
                return rate;
            });
    }

    // The timed runs measure the platform as it runs once it has taken a few uploads. On fresh hosts the first large
    // uploads are slow: the runtime is still compiling the upload path (over the first four 512 MiB uploads perf put
    // half of the Api's samples in its tiered-compilation thread; the Api used 170-250 ms of user CPU per upload, 20-90
    // after) and they read 0.5-1.1 GB/s against 1.3-1.8 after. With one 8 MiB warm-up, the first timed 2 GiB run read
    // 1165 MiB/s in a run whose others read 1987-2742. Three untimed uploads of the timed file bring the per-byte path
    // to its steady state. Thirty-two small uploads besides (for the per-upload path, called a few times per upload)
    // cost 15-19 s and were left out; whether they help is not settled. See docs/benchmarks.md, 2026-12-05 (third reading).
    private const int WarmUpUploads = 3;

    private static async Task WarmUpAsync(ApiClient api, string file, int uploads)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < uploads; i++)
        {
            await UploadOnceAsync(api, file, "bench upload warm-up", Sending.Copying, () => Task.CompletedTask, null);
        }

        Say.Line($"upload warm-up: the timed file {uploads} time(s), {Say.Seconds(clock.Elapsed)}");
    }

    /// <summary>
    /// One tus upload into a new video, timed from after <paramref name="beforeClock"/> (<paramref name="window"/>, when given,
    /// is told when the clock starts); the video's job is then waited out and the video deleted.
    /// </summary>
    private static async Task<TimeSpan> UploadOnceAsync(ApiClient api, string file, string title, Sending sending, Func<Task> beforeClock, QuietRuns.Window? window)
    {
        var id = await api.CreateVideoAsync(title);
        await beforeClock();
        window?.Start();
        var clock = Stopwatch.StartNew();
        var client = new TusClient(api.Http, sendfile: sending == Sending.Sendfile);
        await client.UploadAsync(file, new Dictionary<string, string> { ["videoId"] = id, ["filename"] = "bench.bin" }, sending == Sending.Chunks ? TusClient.ChunkSize : null);
        var elapsed = clock.Elapsed;
        window?.Stop();
        await SettleAsync(api, id);
        await api.DeleteVideoAsync(id);
        return elapsed;
    }

    // What HTTP over loopback into a file costs on this machine before any of the platform's work: the bound any
    // upload endpoint here lives under.
    private static async Task<(Paired Runs, QuietRuns Quiet)> CeilingAsync(BenchOptions options, int mib, PlatformProcess platform, string file)
    {
        var target = Path.Combine(platform.DataFolder, "ceiling.bin");
        await using var sink = await SinkProcess.StartAsync(target);
        using var http = new HttpClient { BaseAddress = sink.Base, Timeout = TimeSpan.FromMinutes(5) };
        // Untimed, like the tus warm-up: the endpoint and this client reach their steady state first (one request per
        // run: a few full-size ones bring its few methods to tier 1).
        for (var i = 0; i < WarmUpSinkRuns; i++)
        {
            await SendToSinkAsync(http, file);
            File.Delete(target);
        }

        var quiet = new QuietRuns();
        try
        {
            var runs = await Paired.RunAsync(
                options.ReferenceUploadRuns,
                i => quiet.RunAsync(async window =>
                {
                    await PrimeAsync(mib, platform);
                    window.Start();
                    var clock = Stopwatch.StartNew();
                    await SendToSinkAsync(http, file);
                    var rate = mib / clock.Elapsed.TotalSeconds;
                    window.Stop();
                    // Outside the clock, as the Api's uploads are deleted with their videos: unlinking a 2 GiB file
                    // frees its page cache on the deleting thread, which the sink would otherwise do in the next run.
                    File.Delete(target);
                    Say.Line($"upload {i + 1}/{options.ReferenceUploadRuns}: bare Kestrel {Say.Number(rate, "0")} MiB/s");
                    return rate;
                }),
                i => quiet.RunAsync(window => CopyAsync(options.ReferenceUploadRuns, mib, platform, file, window, i)));
            return (runs, quiet);
        }
        finally
        {
            File.Delete(target);
        }
    }

    private const int WarmUpSinkRuns = 3;

    // Sent as 3a's tus client sends its PATCH.
    private static async Task SendToSinkAsync(HttpClient http, string file)
    {
        await using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        using var content = new StreamContent(source, 1 << 20);
        content.Headers.ContentLength = source.Length;
        using var response = await http.PatchAsync(new Uri("/sink", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(Paired Runs, QuietRuns Quiet)> MeasureAsync(
        int count, int mib, PlatformProcess platform, ApiClient api, string file, Sending sending)
    {
        var quiet = new QuietRuns();
        var runs = await Paired.RunAsync(
            count,
            i => quiet.RunAsync(window => TusRunAsync(count, mib, platform, api, file, sending, window, i)),
            i => quiet.RunAsync(window => CopyAsync(count, mib, platform, file, window, i)));
        return (runs, quiet);
    }

    private static async Task<double> TusRunAsync(int runs, int mib, PlatformProcess platform, ApiClient api, string file, Sending sending, QuietRuns.Window? window, int i)
    {
        var label = sending switch
        {
            Sending.Sendfile => "one PATCH, sendfile",
            Sending.Copying => "one PATCH, HttpClient",
            _ => $"{TusClient.ChunkSize >> 20} MiB PATCHes",
        };
        var elapsed = await UploadOnceAsync(api, file, $"bench upload {i}", sending, () => PrimeAsync(mib, platform), window);
        var rate = mib / elapsed.TotalSeconds;
        Say.Line($"upload {i + 1}/{runs}: tus ({label}) {Say.Number(rate, "0")} MiB/s");
        return rate;
    }

    // The completed upload starts a job: the media silo reads and hashes the whole file, then the probe rejects it.
    // That work belongs to this upload, not to the next timed run (either side), so the suite waits it out.
    private static async Task SettleAsync(ApiClient api, string id)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromMinutes(2) && await api.StatusAsync(id) is "uploaded" or "processing")
        {
            await Task.Delay(100);
        }
    }

    private static async Task<double> CopyAsync(int runs, int mib, PlatformProcess platform, string file, QuietRuns.Window window, int i)
    {
        var target = Path.Combine(platform.DataFolder, "copy-baseline.bin");
        await PrimeAsync(mib, platform);
        window.Start();
        var clock = Stopwatch.StartNew();
        await using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
        await using (var copy = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        {
            await source.CopyToAsync(copy, 1 << 20);
        }

        var rate = mib / clock.Elapsed.TotalSeconds;
        window.Stop();
        File.Delete(target);
        Say.Line($"upload {i + 1}/{runs}: file copy {Say.Number(rate, "0")} MiB/s");
        return rate;
    }

    // Every timed run, either side, starts on page-cache memory that is already backed (see PageCachePrimer).
    private static Task PrimeAsync(int mib, PlatformProcess platform) =>
        PageCachePrimer.PrimeAsync(platform.DataFolder, ((long)mib << 20) + (64L << 20));

    // Random bytes: the upload completes, the probe rejects it in a moment, and no transcode disturbs later figures.
    private static async Task<string> RandomFileAsync(string folder, int mib)
    {
        var path = Path.Combine(folder, $"random-{mib}MiB.bin");
        if (File.Exists(path))
        {
            return path;
        }

        var block = new byte[1 << 20];
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        for (var i = 0; i < mib; i++)
        {
            RandomNumberGenerator.Fill(block);
            await file.WriteAsync(block);
        }

        // On disk before any timed run: left dirty, the kernel writes it back about 30 s later, in the middle of them.
        file.Flush(flushToDisk: true);
        return path;
    }
}
