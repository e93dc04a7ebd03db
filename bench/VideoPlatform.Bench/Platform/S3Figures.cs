using System.Diagnostics;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Upload;

namespace VideoPlatform.Bench.Platform;

/// <summary>
/// Figure 3b: the same tus upload as 3a (<see cref="UploadBench"/>) into a second platform whose hosts use the S3
/// store, served by s3rver on loopback, against the same file put straight into s3rver (<see cref="S3DirectUpload"/>):
/// s3rver takes about 100 MiB/s, so against a local file copy (as 3a) the figure would measure s3rver, not the Api.
/// Started after the first platform has stopped, in the same data folder (its PostgreSQL cluster is reused).
/// </summary>
public static class S3Figures
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, Workspace work)
    {
        var name = $"3b Upload throughput, tus (one PATCH) via the Api, S3 store (s3rver, multipart), {options.S3UploadMiB} MiB";
        if (!File.Exists(S3rver.Script(options.RepoRoot)))
        {
            return [Figure.NotMeasuredRow("3b", name, "s3rver not installed under .tools (./vp test or ./vp bench --full installs it)") with { Goal = Goal.AtLeast(0.7) }];
        }

        return await Guard.RunAsync(async () =>
        {
            await using var s3 = await S3rver.StartAsync(options.RepoRoot, work.Fresh("s3rver"));
            Say.Line($"s3rver on {s3.ServiceUrl}; starting a platform on the S3 store");
            await using var platform = await PlatformProcess.StartAsync(options, TimeSpan.FromSeconds(180), s3.HostEnvironment());
            using var api = new ApiClient(platform.Api);
            await api.SignInAsync();
            using var direct = new S3DirectUpload(s3);
            var runs = await UploadBench.OnePatchAsync(options, options.S3UploadMiB, platform, api, work, "straight to s3rver", async (file, i) =>
            {
                var key = $"bench/direct-{i + 1}";
                var clock = Stopwatch.StartNew();
                await direct.UploadAsync(file, key);
                var elapsed = clock.Elapsed;
                await direct.DeleteAsync(key);
                return elapsed;
            });
            return [Figure.Compare("3b", name, "MiB/s", "tus", runs, "straight to s3rver", Goal.AtLeast(0.7)) with
            {
                Note = $"same tus client as 3a; the Api writes the body as S3 multipart parts into s3rver (Node.js, files on the same disk). "
                    + $"Baseline: the same file put straight into s3rver by the AWS SDK in {S3DirectUpload.PartSize >> 20} MiB parts, "
                    + $"{S3DirectUpload.PartsInFlight} in flight (the Api's defaults): the store's own limit for one client",
            }];
        }, ("3b", name));
    }
}
