using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Tests.EndToEnd;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.TranscodeSilo.Shutdown;
using Xunit.Abstractions;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// A media silo told to stop takes no new job, hands its running job and its live session back, and is gone within a
/// media silo's shutdown timeout.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MediaSiloShutdownTests(TwoMediaSiloCluster silos, ITestOutputHelper output) : IClassFixture<TwoMediaSiloCluster>, IDisposable
{
    private readonly TempFolder folder = new("vp-drain");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task GracefulStop_RunningJobRestartsElsewhereAtOnce_LiveSessionGetsEndlist()
    {
        var clip = await TestMedia.ClipAsync(folder.Path, 1920, 1080, 30);
        var videoId = await VodSteps.CreateAsync(silos.Http, "drained");
        await VodSteps.PutSourceAsync(silos.Http, videoId, clip);
        var first = await WaitForJobAsync(videoId, j => j.Status == TranscodeJobStatus.Running, TimeSpan.FromMinutes(1));
        var victim = silos.MediaSilos.Single(s => s.SiloAddress.ToString() == TwoMediaSiloCluster.SiloOf(first));

        // A live session on the same silo, playing.
        var (channelId, key) = await LiveSteps.CreateChannelAsync(silos.Http, "drainowner", record: false);
        using var stopPublisher = new CancellationTokenSource();
        var publisher = LiveSteps.PublishAsync(LiveSteps.IngestPort(silos.Cluster, victim), key, seconds: 120, stopPublisher.Token);
        Assert.True(await Eventually.WaitAsync(async () => (await silos.Http.GetAsync($"/live/{channelId}/master.m3u8")).IsSuccessStatusCode, TimeSpan.FromSeconds(40)),
            $"no live master playlist; publisher: {(publisher.IsCompleted ? (await publisher).StandardErrorTail : "running")}");
        var masterUrl = new Uri(silos.Http.BaseAddress!, $"/live/{channelId}/master.m3u8");
        var variant = (await silos.Http.GetStringAsync(masterUrl)).Split('\n', StringSplitOptions.TrimEntries).First(l => l.Length > 0 && l[0] != '#');
        var mediaUrl = new Uri(masterUrl, variant);
        Assert.DoesNotContain("#EXT-X-ENDLIST", await silos.Http.GetStringAsync(mediaUrl), StringComparison.Ordinal);
        Assert.Equal(TranscodeJobStatus.Running, (await silos.JobAsync(videoId))!.Status); // still encoding on the victim

        // The grace period of a real media silo left at its defaults (VideoPlatform:ShutdownSeconds, read as the host reads it).
        var grace = (await HostShape.BuildAsync("transcode-silo", new Dictionary<string, string>())).ShutdownTimeout;
        var lateClip = await TestMedia.ClipAsync(folder.Path, 320, 240, 2);
        var clock = Stopwatch.StartNew();
        var stopping = silos.Cluster.Cluster.StopSiloAsync(victim);
        var stopped = stopping.ContinueWith(_ => clock.Elapsed, TaskScheduler.Default);

        // A job queued once the victim is draining goes to the other media silo (the victim's slot is free after the hand-back).
        var drain = victim.ServiceProvider.GetRequiredService<MediaSiloDrain>();
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(drain.IsDraining), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20)), "the victim never began to drain");
        var lateId = await VodSteps.CreateAsync(silos.Http, "queued-while-draining");
        await VodSteps.PutSourceAsync(silos.Http, lateId, lateClip);
        string? closed = null;
        var endlist = await Eventually.WaitAsync(
            async () => (closed = await TryGetStringAsync(mediaUrl))?.Contains("#EXT-X-ENDLIST", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        var moved = await WaitForJobAsync(videoId, j => j.Status == TranscodeJobStatus.Running && TwoMediaSiloCluster.SiloOf(j) != victim.SiloAddress.ToString(), TimeSpan.FromSeconds(30));
        var toRestart = clock.Elapsed;
        var toStop = await stopped;
        await stopping;
        await stopPublisher.CancelAsync();
        await Task.WhenAny(publisher);

        Assert.True(endlist, $"the live playlist was not closed when its silo stopped: {closed}");
        Assert.True(toRestart < TwoMediaSiloCluster.Lease / 3, $"the job restarted {toRestart} after the stop began (lease {TwoMediaSiloCluster.Lease})");
        output.WriteLine($"stop {toStop.TotalSeconds:0.0} s (grace {grace.TotalSeconds:0} s), job running elsewhere after {toRestart.TotalSeconds:0.0} s");
        // Within the grace period, so a real media silo finishes its drain before the host cuts it short.
        Assert.True(toStop < grace, $"the stop took {toStop}, beyond a media silo's shutdown timeout of {grace}");
        var late = await WaitForJobAsync(lateId, j => j.Status is TranscodeJobStatus.Running or TranscodeJobStatus.Succeeded, TimeSpan.FromMinutes(4));
        Assert.NotEqual(victim.SiloAddress.ToString(), TwoMediaSiloCluster.SiloOf(late));
        var video = await VodSteps.WaitForStatusAsync(silos.Http, videoId, "ready", TimeSpan.FromMinutes(4));
        Assert.Equal("ready", video.GetProperty("status").GetString());
        var done = (await silos.JobAsync(videoId))!;
        Assert.Equal(TranscodeJobStatus.Succeeded, done.Status);
        Assert.Equal(TwoMediaSiloCluster.SiloOf(moved), TwoMediaSiloCluster.SiloOf(done));
        Assert.True(done.Attempts == 1, $"a handed-back attempt does not count, yet {done.Attempts} counted; last error: {done.LastError}");
    }

    private async Task<string?> TryGetStringAsync(Uri url)
    {
        var response = await silos.Http.GetAsync(url);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
    }

    private async Task<TranscodeJobInfo> WaitForJobAsync(string videoId, Func<TranscodeJobInfo, bool> condition, TimeSpan timeout)
    {
        TranscodeJobInfo? job = null;
        var reached = await Eventually.WaitAsync(async () => (job = await silos.JobAsync(videoId)) is { } j && condition(j), timeout, TimeSpan.FromMilliseconds(100));
        Assert.True(reached, $"job {videoId} did not reach the expected state within {timeout}: {job?.Status} on {job?.WorkerId}");
        return job!;
    }
}
