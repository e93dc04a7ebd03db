using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using VideoPlatform.Bench.Load;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Upload;

/// <summary>
/// Figure 3: tus uploads through the Api into the FileSystem store. 3a sends the file in one PATCH (what tus-js-client
/// and Uppy do unless told otherwise) against the same PATCH to a bare Kestrel endpoint that streams it into a file
/// (<see cref="SinkProcess"/>): the ratio is the platform's own overhead. A plain copy of the same file onto the same
/// disk is reported beside it, without a goal. 3c sends 8 MiB PATCHes, against the file copy.
/// </summary>
public static class UploadBench
{
    private const string Name = "3a Upload throughput, tus (one PATCH, the clients' default) via the Api against bare Kestrel, FileSystem store";

    private const string ChunkedName = "3c Upload throughput, tus (8 MiB PATCHes) via the Api, FileSystem store";

    private static readonly Goal OnePatchGoal = Goal.AtLeast(0.8);

    /// <summary>The selected ones of 3a and 3c against the running platform.</summary>
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, PlatformProcess platform, ApiClient api, Workspace work)
    {
        if (!await api.HasTusAsync())
        {
            return [Figure.NotMeasuredRow("3a", Name, "tus endpoint missing (OPTIONS /api/uploads has no Tus-Version)") with { Goal = OnePatchGoal }];
        }

        var mib = options.UploadMiB;
        var file = await RandomFileAsync(work.Folder("upload"), mib);
        await WarmUpAsync(api, file, WarmUpUploads);
        var figures = new List<Figure>();
        if (options.Selected("3a"))
        {
            figures.Add(await AgainstBareKestrelAsync(options, mib, platform, api, file));
        }

        if (options.Selected("3c"))
        {
            var runs = options.ReferenceUploadRuns;
            var chunked = await Paired.RunAsync(
                runs,
                i => TusRunAsync(runs, mib, platform, api, file, TusClient.ChunkSize, i),
                i => CopyAsync(runs, mib, platform, file, i));
            figures.Add(Figure.Compare("3c", $"{ChunkedName}, {mib} MiB", "MiB/s", "tus", chunked, "file copy", null));
        }

        return figures;
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
        // One is enough here: the store (s3rver) bounds these runs, not the Api's warm-up.
        await WarmUpAsync(api, file, 1);
        await baseline(file, -1);
        return await Paired.RunAsync(
            options.S3UploadRuns,
            i => TusRunAsync(options.S3UploadRuns, mib, platform, api, file, null, i),
            async i =>
            {
                await PrimeAsync(mib, platform);
                var rate = mib / (await baseline(file, i)).TotalSeconds;
                Say.Line($"upload {i + 1}/{options.S3UploadRuns}: {baselineLabel} {Say.Number(rate, "0")} MiB/s");
                return rate;
            });
    }

    // The timed runs measure the platform once it has taken a few uploads: on fresh hosts the runtime is still
    // compiling the upload path, and the first large uploads run at about half speed (either side alike).
    private const int WarmUpUploads = 3;

    private static async Task WarmUpAsync(ApiClient api, string file, int uploads)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < uploads; i++)
        {
            await UploadOnceAsync(api, file, "bench upload warm-up", null, () => Task.CompletedTask);
        }

        Say.Line($"upload warm-up: the timed file {uploads} time(s), {Say.Seconds(clock.Elapsed)}");
    }

    /// <summary>
    /// One tus upload into a new video, timed from after <paramref name="beforeClock"/>; the video's job is then waited
    /// out and the video deleted.
    /// </summary>
    private static async Task<TimeSpan> UploadOnceAsync(ApiClient api, string file, string title, int? chunkSize, Func<Task> beforeClock)
    {
        var id = await api.CreateVideoAsync(title);
        await beforeClock();
        var clock = Stopwatch.StartNew();
        await new TusClient(api.Http).UploadAsync(file, new Dictionary<string, string> { ["videoId"] = id, ["filename"] = "bench.bin" }, chunkSize);
        var elapsed = clock.Elapsed;
        await SettleAsync(api, id);
        await api.DeleteVideoAsync(id);
        return elapsed;
    }

    // 3a: tus through the Api against the bare Kestrel sink, in pairs; then the file copy, for reference.
    private static async Task<Figure> AgainstBareKestrelAsync(BenchOptions options, int mib, PlatformProcess platform, ApiClient api, string file)
    {
        var target = Path.Combine(platform.DataFolder, "bare-kestrel.bin");
        await using var sink = await SinkProcess.StartAsync(target);
        using var http = new HttpClient { BaseAddress = sink.Base, Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            // Untimed, like the tus warm-up: the sink and this client reach their steady state first.
            for (var i = 0; i < WarmUpUploads; i++)
            {
                await SendToSinkAsync(http, file);
                File.Delete(target);
            }

            var runs = options.UploadRuns;
            var paired = await Paired.RunAsync(
                runs,
                i => TusRunAsync(runs, mib, platform, api, file, null, i),
                async i =>
                {
                    await PrimeAsync(mib, platform);
                    var clock = Stopwatch.StartNew();
                    await SendToSinkAsync(http, file);
                    var rate = mib / clock.Elapsed.TotalSeconds;
                    // Outside the clock, as the Api's uploads are deleted with their videos.
                    File.Delete(target);
                    Say.Line($"upload {i + 1}/{runs}: bare Kestrel {Say.Number(rate, "0")} MiB/s");
                    return rate;
                });
            var copies = new List<double>();
            for (var i = 0; i < options.ReferenceUploadRuns; i++)
            {
                copies.Add(await CopyAsync(options.ReferenceUploadRuns, mib, platform, file, i));
            }

            var tus = Summary.Of(paired.Measured.ToList());
            var copy = Summary.Of(copies);
            var overCopy = tus.Median / copy.Median;
            return Figure.Compare("3a", $"{Name}, {mib} MiB", "MiB/s", "tus", paired, "bare Kestrel", OnePatchGoal) with
            {
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"reference, no goal: a plain copy of the same file on the same disk read {TableWriter.Value(copy.Median, "MiB/s")} " +
                    $"({TableWriter.Value(copy.Min, "MiB/s")}-{TableWriter.Value(copy.Max, "MiB/s")}, n={copy.Runs}); tus / file copy {overCopy:0.00}"),
                Details = new Dictionary<string, double> { ["file_copy_mib_s"] = copy.Median, ["tus_over_file_copy"] = overCopy },
            };
        }
        finally
        {
            File.Delete(target);
        }
    }

    // Sent as the tus client sends its one PATCH.
    private static async Task SendToSinkAsync(HttpClient http, string file)
    {
        await using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        using var content = new StreamContent(source, 1 << 20);
        content.Headers.ContentLength = source.Length;
        using var response = await http.PatchAsync(new Uri("/sink", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<double> TusRunAsync(int runs, int mib, PlatformProcess platform, ApiClient api, string file, int? chunkSize, int i)
    {
        var label = chunkSize is { } size ? $"{size >> 20} MiB PATCHes" : "one PATCH";
        var elapsed = await UploadOnceAsync(api, file, $"bench upload {i}", chunkSize, () => PrimeAsync(mib, platform));
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

    private static async Task<double> CopyAsync(int runs, int mib, PlatformProcess platform, string file, int i)
    {
        var target = Path.Combine(platform.DataFolder, "copy-baseline.bin");
        await PrimeAsync(mib, platform);
        var clock = Stopwatch.StartNew();
        await using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
        await using (var copy = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        {
            await source.CopyToAsync(copy, 1 << 20);
        }

        var rate = mib / clock.Elapsed.TotalSeconds;
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

        // On disk before any timed run: left dirty, the kernel would write it back in the middle of them.
        file.Flush(flushToDisk: true);
        return path;
    }
}
