using System.Net;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>Crashes and cancellations in the middle of a transcode, with real FFmpeg on real media silos.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TranscodeFailureTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly TempFolder folder = new("vp-failure");
    private readonly ApiFactory api = new(cluster);
    private HttpClient http = null!;
    private FileSystemObjectStore store = null!;

    public async Task InitializeAsync()
    {
        // The admin: the steps read the transcode queue's admin views for diagnostics.
        http = (await api.AdminAsync()).Client;
        store = new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System);
    }

    [Fact]
    public async Task KillMediaSilo_RunningJob_CompletesOnAnotherMediaSilo()
    {
        await cluster.StartSiloAsync(SiloPool.Media);
        var clip = await TestMedia.ClipAsync(folder.Path, 1920, 1080, 8);
        var id = await VodSteps.CreateAsync(http, "crash");
        await VodSteps.PutSourceAsync(http, id, clip);

        var running = await WaitForJobAsync(id, j => j.Status == TranscodeJobStatus.Running);
        var victim = cluster.SilosOf(SiloPool.Media).Single(s => running.WorkerId!.StartsWith(s.SiloAddress.ToString(), StringComparison.Ordinal));
        await cluster.Cluster.KillSiloAsync(victim);

        var video = await VodSteps.WaitForStatusAsync(http, id, "ready", TimeSpan.FromMinutes(3));
        Assert.Equal("ready", video.GetProperty("status").GetString());
        var job = await cluster.Client.GetGrain<ITranscodeJobGrain>(id).Get();
        Assert.Equal(TranscodeJobStatus.Succeeded, job!.Status);
        // No attempt count here: a TestingHost kill still runs the silo's stop stages, so its drain may hand the job back
        // uncounted (ProcessFailureTests covers a real kill -9 and the lease).
        Assert.DoesNotContain(victim.SiloAddress.ToString(), job.WorkerId ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/play/{id}/master.m3u8")).StatusCode);
    }

    [Fact]
    public async Task DeleteVideo_DuringTranscode_CancelsJobKillsFfmpegAndRemovesObjects()
    {
        var clip = await TestMedia.ClipAsync(folder.Path, 1920, 1080, 20);
        var id = await VodSteps.CreateAsync(http, "doomed");
        await VodSteps.PutSourceAsync(http, id, clip);
        var running = await WaitForJobAsync(id, j => j.Status == TranscodeJobStatus.Running);
        var workFolder = cluster.WorkFolderOf(running.WorkerId!);
        await WaitUntilAsync(() => Task.FromResult(FfmpegJobProcesses(workFolder).Count > 0), "ffmpeg to start");
        // Deleted once its growing ladder is in the store: the worker's puts race the delete and must not outlive it.
        await WaitUntilAsync(async () => await store.HeadAsync($"vod/{id}/hls/master.m3u8") is not null, "the growing ladder to be published");
        Assert.NotEmpty(FfmpegJobProcesses(workFolder));

        var deleted = await http.DeleteAsync(new Uri($"/api/videos/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await WaitForJobAsync(id, j => j.Status == TranscodeJobStatus.Canceled);
        await WaitUntilAsync(() => Task.FromResult(FfmpegJobProcesses(workFolder).Count == 0), "ffmpeg to be killed");
        await WaitUntilAsync(async () => (await store.ListAsync($"vod/{id}/").CountAsync()) + (await store.ListAsync($"raw/{id}/").CountAsync()) == 0, "objects to be removed");
        // A deleted video is no longer served: 404 with code deleted.
        var video = await http.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, video.StatusCode);
        Assert.Contains("\"deleted\"", await video.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await WaitUntilAsync(() => Task.FromResult(!Directory.EnumerateDirectories(workFolder, "vp-job-*").Any()), "the job folder to be removed");
    }

    /// <summary>FFmpeg processes working in a silo's job folders (ffmpeg runs inside its job's folder; the source it
    /// reads may be the store's own file).</summary>
    private static List<int> FfmpegJobProcesses(string workFolder) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: Path.GetFileName(d), Dir: d))
            .Where(p => p.Pid.All(char.IsAsciiDigit))
            .Where(p =>
            {
                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(p.Dir, "cmdline"));
                    var cwd = new DirectoryInfo(Path.Combine(p.Dir, "cwd")).ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "";
                    return cmdline.StartsWith("ffmpeg", StringComparison.Ordinal)
                        && (cmdline.Contains(workFolder, StringComparison.Ordinal) || cwd.StartsWith(workFolder, StringComparison.Ordinal));
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .Select(p => int.Parse(p.Pid, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private async Task<TranscodeJobInfo> WaitForJobAsync(string id, Func<TranscodeJobInfo, bool> condition)
    {
        TranscodeJobInfo? job = null;
        await WaitUntilAsync(async () => (job = await cluster.Client.GetGrain<ITranscodeJobGrain>(id).Get()) is { } j && condition(j), $"job {id}");
        return job!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        http.Dispose();
        folder.Dispose();
        return api.DisposeAsync().AsTask();
    }
}
