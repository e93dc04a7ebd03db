using System.Diagnostics;
using System.Net.Sockets;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;
using Xunit.Abstractions;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>
/// Hostile and failing peers next to a real stream: a second publisher, garbage, a slowloris client, and the death of
/// the ingest node itself. The test cluster's ingest uses 2 s handshake/connect and 3 s idle limits, a 3 s lease.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LiveIngestRobustnessTests(PlatformClusterFixture cluster, ITestOutputHelper output) : ClusterApiTest(cluster, kestrel: true)
{
    [Fact]
    public async Task HostileClients_ClosedWithinTimeouts_WhileRealStreamKeepsRunning()
    {
        var port = LiveSteps.IngestPort(Cluster);
        var (id, key) = await LiveSteps.CreateChannelAsync(Http, "liveowner3", record: false);
        var publisher = LiveSteps.PublishAsync(port, key, seconds: 12);
        await LiveSteps.WaitForChannelAsync(Http, id, LiveSteps.IsLive, TimeSpan.FromSeconds(10), "live");
        var sessionBefore = (await LiveSteps.ChannelAsync(Http, id)).GetProperty("live").GetProperty("sessionId").GetString();

        var second = Stopwatch.StartNew();
        var secondRun = await LiveSteps.PublishAsync(port, key, seconds: 3);
        Assert.False(secondRun.Succeeded, "a second publisher on a live key must be refused");
        Assert.True(second.Elapsed < TimeSpan.FromSeconds(5), $"second publisher took {second.Elapsed}");

        var garbage = await TimeToCloseAsync(port, async s =>
        {
            var bytes = new byte[4096];
            new Random(5).NextBytes(bytes);
            bytes[0] = 0x47;
            await s.WriteAsync(bytes);
        });
        Assert.True(garbage < TimeSpan.FromSeconds(1), $"garbage connection open for {garbage}");

        var slowloris = await TimeToCloseAsync(port, async s =>
        {
            await s.WriteAsync(new byte[] { 3 });
            for (var i = 0; i < 40; i++)
            {
                await Task.Delay(250);
                await s.WriteAsync(new byte[] { 0 }); // under the idle limit, never finishing the handshake
            }
        });
        Assert.InRange(slowloris, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4));

        var channel = await LiveSteps.ChannelAsync(Http, id);
        Assert.Equal("live", channel.GetProperty("status").GetString());
        Assert.Equal(sessionBefore, channel.GetProperty("live").GetProperty("sessionId").GetString());
        var run = await publisher;
        Assert.True(run.Succeeded, $"the real stream was disturbed: {run.StandardErrorTail}");
        output.WriteLine($"garbage closed after {garbage.TotalMilliseconds:0} ms, slowloris after {slowloris.TotalMilliseconds:0} ms");
        var ended = await LiveSteps.WaitForChannelAsync(Http, id, c => c.GetProperty("status").GetString() == "idle", TimeSpan.FromSeconds(20), "idle");
        Assert.Equal(0, ended.GetProperty("recordings").GetArrayLength());
    }

    [Fact]
    public async Task KillIngestSilo_MidStream_ChannelIdleWithinLease_PartialRecordingKept()
    {
        var silo = await Cluster.StartSiloAsync(SiloPool.Media);
        var store = new FileSystemObjectStore(Cluster.StorageRoot, TimeProvider.System);
        var (id, key) = await LiveSteps.CreateChannelAsync(Http, "liveowner4");
        using var stop = new CancellationTokenSource();
        var publisher = LiveSteps.PublishAsync(LiveSteps.IngestPort(Cluster, silo), key, seconds: 30, stop.Token);
        var uploaded = await Eventually.WaitAsync(
            async () => (await store.ListAsync($"live/{id}/").Where(o => o.Key.Contains("/source/seg_", StringComparison.Ordinal)).CountAsync()) >= 3,
            TimeSpan.FromSeconds(20));
        Assert.True(uploaded, "no segments uploaded before the kill");

        var killed = Stopwatch.StartNew();
        await Cluster.Cluster.KillSiloAsync(silo);
        var idle = await LiveSteps.WaitForChannelAsync(Http, id, c => c.GetProperty("status").GetString() == "idle", TimeSpan.FromSeconds(15), "idle after the kill");
        var toIdle = killed.Elapsed;
        // The kill closes the publisher's connection: ffmpeg must fail by itself, long before its 30 s of media end
        // (cancelling it first would make any outcome look like a failure).
        var exited = await Eventually.WaitAsync(() => Task.FromResult(publisher.IsCompleted), TimeSpan.FromSeconds(15));
        await stop.CancelAsync();
        Assert.True(exited, "the publisher kept running after its ingest node died");
        Assert.False(await SucceededAsync(publisher), "the publisher finished cleanly although its ingest node died");

        Assert.True(toIdle < TimeSpan.FromSeconds(3 + 3), $"idle {toIdle} after the kill (lease 3 s)");
        var recorded = await LiveSteps.WaitForChannelAsync(Http, id, LiveSteps.HasRecording, TimeSpan.FromSeconds(40), "partial recording");
        var videoId = recorded.GetProperty("recordings")[0].GetString();
        var video = System.Text.Json.JsonDocument.Parse(await Http.GetStringAsync($"/api/videos/{videoId}")).RootElement;
        Assert.Equal("ready", video.GetProperty("status").GetString());
        var (_, height, duration) = await TestMedia.ProbeAsync(new Uri(Http.BaseAddress!, video.GetProperty("playback").GetProperty("hls").GetString()).ToString());
        Assert.Equal(720, height);
        Assert.InRange(duration, 5.5, 29);
        output.WriteLine($"idle {toIdle.TotalSeconds:0.0} s after the kill (was {idle.GetProperty("status")}); partial recording {duration:0.0} s");
    }

    private static async Task<bool> SucceededAsync(Task<VideoPlatform.TranscodeSilo.Transcoding.ToolRun> run)
    {
        try
        {
            return (await run).Succeeded;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Connects, runs <paramref name="talk"/> until the server closes, and says how long the server took.</summary>
    private static async Task<TimeSpan> TimeToCloseAsync(int port, Func<NetworkStream, Task> talk)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[8192];
            try
            {
                while (await stream.ReadAsync(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
            }

            return clock.Elapsed;
        });
        try
        {
            await talk(stream);
        }
        catch (IOException)
        {
            // the server closed while we were still writing
        }

        return await reading.WaitAsync(TimeSpan.FromSeconds(15));
    }

}
