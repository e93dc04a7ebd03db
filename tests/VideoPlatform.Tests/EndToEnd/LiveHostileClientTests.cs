using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Tests.Api.Live;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.TranscodeSilo.Ingest.Server;
using Xunit.Abstractions;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>
/// The hostile-client script (loopback only, bounded in bytes and time): raw RTMP clients that send oversized and
/// endless messages before and after a publish, and a flood of made-up /live channel ids, while a real ffmpeg
/// stream on another channel keeps publishing. Memory caps hold, the hostile connections are cut, the good stream's
/// playlist keeps advancing, and the flood activates no grain.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LiveHostileClientTests(PlatformClusterFixture cluster, ITestOutputHelper output) : ClusterApiTest(cluster)
{
    private const int MaxMessage = 0xFFFFFF; // the largest length an RTMP header can declare (16 MiB - 1)

    [Fact]
    public async Task HostilePublishersAndLiveFlood_CutAndBounded_WhileRealStreamAdvances()
    {
        var port = LiveSteps.IngestPort(Cluster);
        var metrics = Cluster.SilosOf(SiloPool.Media).First().ServiceProvider.GetRequiredService<LiveIngestMetrics>();
        var closuresBefore = metrics.LimitClosures;
        var (good, goodKey) = await LiveSteps.CreateChannelAsync(Http, "hostilegood", record: false);
        // A channel per hostile publisher: a key reused straight after its connection is cut is refused (AlreadyLive)
        // until the ingest has reported that connection's end, which is right and not what this test is about.
        var (_, hoarderKey) = await LiveSteps.CreateChannelAsync(Http, "hostilehoarder", record: false);
        var (_, giantKey) = await LiveSteps.CreateChannelAsync(Http, "hostilegiant", record: false);
        using var stop = new CancellationTokenSource();
        var publisher = LiveSteps.PublishAsync(port, goodKey, seconds: 40, stop.Token);
        var sessionBefore = (await LiveSteps.WaitForChannelAsync(Http, good, LiveSteps.IsLive, TimeSpan.FromSeconds(15), "live"))
            .GetProperty("live").GetProperty("sessionId").GetString();
        var progressBefore = await WaitForProgressAsync(good, above: 0);

        // Before any key: one message declaring 16 MiB, then endless small ones.
        var oversized = await CutAsync(port, key: null, _ => Video(MaxMessage), maxMessages: 1);
        var endless = await CutAsync(port, key: null, i => Audio(i, 32 * 1024), maxMessages: 4000);
        // With a valid key: audio forever and never a video frame (nothing for FFmpeg to start on), then a 16 MiB frame.
        var hoarder = await CutAsync(port, hoarderKey, i => Audio(i, 1024 * 1024), maxMessages: 400);
        var giant = await CutAsync(port, giantKey, _ => Video(MaxMessage), maxMessages: 1);

        var activationsBefore = await LiveActivations.CountAsync(Cluster.Client);
        var flood = await LiveActivations.FloodAsync(Http, 1000);
        var activationsAfter = await LiveActivations.CountAsync(Cluster.Client);

        var progressAfter = await WaitForProgressAsync(good, above: progressBefore);
        var channel = await LiveSteps.ChannelAsync(Http, good);
        await stop.CancelAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sent before the cut: oversized {oversized.Sent} B, endless {endless.Sent} B, hoarder {hoarder.Sent} B, giant {giant.Sent} B; "
            + $"peak queued {metrics.PeakSessionQueuedBytes} B; good stream {progressBefore} → {progressAfter} segments"));

        Assert.All([oversized, endless, hoarder, giant], c => Assert.True(c.Cut, "a hostile connection was not cut"));
        Assert.True(endless.Sent < 8 * 1024 * 1024, $"{endless.Sent} bytes before publish were taken");
        Assert.InRange(metrics.PeakSessionQueuedBytes, 1, LiveTestSettings.MaxQueuedMediaBytes);
        Assert.True(metrics.LimitClosures - closuresBefore >= 4, $"{metrics.LimitClosures - closuresBefore} limit closures");
        Assert.All(flood, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.True(activationsAfter <= activationsBefore, $"the /live flood grew activations from {activationsBefore} to {activationsAfter}");
        Assert.True(progressAfter > progressBefore, "the good stream's playlist stopped advancing");
        Assert.Equal("live", channel.GetProperty("status").GetString());
        Assert.Equal(sessionBefore, channel.GetProperty("live").GetProperty("sessionId").GetString());
        Assert.False(publisher.IsCompleted, "the good publisher was cut");
    }

    /// <summary>Sends up to <paramref name="maxMessages"/> messages (after the key is accepted, when one is given) until the server cuts the connection.</summary>
    private static async Task<(bool Cut, long Sent)> CutAsync(int port, string? key, Func<int, RtmpMessage> message, int maxMessages)
    {
        await using var client = await RawRtmpPublisher.ConnectAsync(port, key);
        if (key is not null)
        {
            Assert.True(await client.PublishingAsync(TimeSpan.FromSeconds(10)), "the hostile publisher's key was refused");
        }

        long sent = 0;
        for (var i = 0; i < maxMessages && !client.Closed.IsCompleted; i++)
        {
            var next = message(i);
            if (!await client.SendAsync(next))
            {
                break;
            }

            sent += next.Payload.Length;
        }

        var cut = await Eventually.WaitAsync(() => Task.FromResult(client.Closed.IsCompleted), TimeSpan.FromSeconds(10));
        return (cut, sent);
    }

    private static RtmpMessage Video(int size) => RtmpTestMessages.Media(RtmpMessageType.Video, 0, [0x17, 0x01, .. new byte[size - 2]]);

    private static RtmpMessage Audio(int index, int size) => RtmpTestMessages.Media(RtmpMessageType.Audio, (uint)index * 20, [0xAF, 0x01, .. new byte[size - 2]]);

    /// <summary>Segments the good stream's first rung has produced (media sequence + window), once past <paramref name="above"/>.</summary>
    private async Task<long> WaitForProgressAsync(string channel, long above)
    {
        long progress = 0;
        var advanced = await Eventually.WaitAsync(async () => (progress = await ProgressAsync(channel)) > above, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(250));
        Assert.True(advanced, $"the good stream's playlist did not pass {above} segments");
        return progress;
    }

    private async Task<long> ProgressAsync(string channel)
    {
        using var master = await Http.GetAsync($"/live/{channel}/master.m3u8");
        if (!master.IsSuccessStatusCode)
        {
            return 0;
        }

        var rung = (await master.Content.ReadAsStringAsync()).Split('\n').Select(l => l.Trim()).First(l => l.Length > 0 && !l.StartsWith('#'));
        using var media = await Http.GetAsync($"/live/{channel}/{rung}");
        if (!media.IsSuccessStatusCode)
        {
            return 0;
        }

        var lines = (await media.Content.ReadAsStringAsync()).Split('\n');
        var sequence = lines.FirstOrDefault(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal)) is { } s
            ? long.Parse(s["#EXT-X-MEDIA-SEQUENCE:".Length..], CultureInfo.InvariantCulture)
            : 0;
        return sequence + lines.Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal));
    }
}
