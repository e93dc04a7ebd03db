using System.Diagnostics;
using System.Text.Json;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;
using Xunit.Abstractions;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>A real ffmpeg RTMP publisher → media-silo ingest → live HLS through the Api → Ready recording.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LiveStreamingTests(PlatformClusterFixture cluster, ITestOutputHelper output) : ClusterApiTest(cluster, kestrel: true)
{
    private FileSystemObjectStore store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        store = new FileSystemObjectStore(Cluster.StorageRoot, TimeProvider.System);
    }

    [Fact]
    public async Task Publish_720p_LivePlaylistDecodes_ThenReadyRecordingPlaysToTheEnd()
    {
        var (id, key) = await LiveSteps.CreateChannelAsync(Http, "liveowner1");
        var clock = Stopwatch.StartNew();
        var publisher = LiveSteps.PublishAsync(LiveSteps.IngestPort(Cluster), key, seconds: 14);

        var firstPlaylist = await Eventually.WaitAsync(async () => (await Http.GetAsync($"/live/{id}/master.m3u8")).IsSuccessStatusCode, TimeSpan.FromSeconds(20));
        Assert.True(firstPlaylist, $"no live master playlist; publisher: {(publisher.IsCompleted ? (await publisher).StandardErrorTail : "running")}");
        var toFirstPlaylist = clock.Elapsed;
        var master = await Http.GetAsync($"/live/{id}/master.m3u8");
        Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=1", master.Headers.CacheControl?.ToString());
        var variants = (await master.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.Equal(3, variants.Count);
        var masterUrl = new Uri(Http.BaseAddress!, $"/live/{id}/master.m3u8");
        var media = await Http.GetStringAsync(new Uri(masterUrl, variants[0]));
        Assert.Contains("#EXTINF:2.0", media, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-ENDLIST", media, StringComparison.Ordinal);
        var latency = clock.Elapsed.TotalSeconds - MediaEnd(media);

        var streams = await LiveSteps.StreamsAsync(new Uri(masterUrl, variants[0]).ToString());
        Assert.Contains("h264,1280,720", streams);
        Assert.Contains(streams, s => s.StartsWith("aac", StringComparison.Ordinal));
        var live = await LiveSteps.ChannelAsync(Http, id);
        Assert.Equal("live", live.GetProperty("status").GetString());
        Assert.Equal(1280, live.GetProperty("live").GetProperty("width").GetInt32());
        Assert.True(live.GetProperty("live").GetProperty("viewers").GetInt32() >= 1);
        output.WriteLine($"first live playlist {toFirstPlaylist.TotalSeconds:0.0} s after the publisher started; wall clock minus media end of the live playlist: {latency:0.0} s");

        var run = await publisher;
        Assert.True(run.Succeeded, run.StandardErrorTail);
        // The streamer unpublished: the window players poll is closed and stays for them (the linger), tail included.
        var mediaUrl = new Uri(masterUrl, variants[0]);
        string? closed = null;
        Assert.True(
            await Eventually.WaitAsync(async () => (closed = await Http.GetStringAsync(mediaUrl)).EndsWith("#EXT-X-ENDLIST\n", StringComparison.Ordinal), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100)),
            $"no ENDLIST in the live playlist after the unpublish: {closed}");
        var lastSegment = closed!.Split('\n').Last(l => l.EndsWith(".ts", StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.GetAsync(new Uri(mediaUrl, lastSegment))).StatusCode);
        var ended = await LiveSteps.WaitForChannelAsync(Http, id, LiveSteps.HasRecording, TimeSpan.FromSeconds(45), "idle with a recording");
        var videoId = ended.GetProperty("recordings")[0].GetString();
        var video = JsonDocument.Parse(await Http.GetStringAsync($"/api/videos/{videoId}")).RootElement;
        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.Equal((await NamedUsers.GetAsync(Http, "liveowner1")).Id, video.GetProperty("owner").GetProperty("id").GetString());
        var hls = video.GetProperty("playback").GetProperty("hls").GetString()!;
        var (width, height, duration) = await TestMedia.ProbeAsync(new Uri(Http.BaseAddress!, hls).ToString());
        Assert.Equal((1280, 720), (width, height));
        Assert.InRange(duration, 11.5, 15.5);
        var vodMedia = await Http.GetStringAsync(new Uri(new Uri(Http.BaseAddress!, hls), "source/index.m3u8"));
        Assert.EndsWith("#EXT-X-ENDLIST\n", vodMedia, StringComparison.Ordinal);
        Assert.Equal("image/jpeg", (await Http.GetAsync(video.GetProperty("playback").GetProperty("poster").GetString())).Content.Headers.ContentType?.MediaType);
        Assert.True(
            await Eventually.WaitAsync(async () => !await store.ListAsync($"live/{id}/").AnyAsync(), TimeSpan.FromSeconds(30)),
            "the live objects outlived the linger");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Http.GetAsync($"/live/{id}/master.m3u8")).StatusCode);
    }

    [Fact]
    public async Task Publish_NotRecorded_LiveObjectsOutliveTheSessionByTheLinger()
    {
        var (id, key) = await LiveSteps.CreateChannelAsync(Http, "liveowner3", record: false);
        var publisher = LiveSteps.PublishAsync(LiveSteps.IngestPort(Cluster), key, seconds: 5);
        string? session = null;
        Assert.True(await Eventually.WaitAsync(
            async () => (session = (await LiveSteps.ChannelAsync(Http, id)).TryGetProperty("live", out var live) && live.ValueKind == JsonValueKind.Object ? live.GetProperty("sessionId").GetString() : null) is not null,
            TimeSpan.FromSeconds(20)));
        var run = await publisher;
        Assert.True(run.Succeeded, run.StandardErrorTail);

        var idle = await LiveSteps.WaitForChannelAsync(Http, id, c => c.GetProperty("status").GetString() == "idle", TimeSpan.FromSeconds(20), "idle");
        var media = await Http.GetStringAsync($"/live/{id}/{session}/source/live.m3u8");
        Assert.EndsWith("#EXT-X-ENDLIST\n", media, StringComparison.Ordinal);
        Assert.Equal(0, idle.GetProperty("recordings").GetArrayLength());

        // The closed playlist's write time marks the session's end on the store's clock, whenever this test noticed it;
        // lastSeen is taken before a listing that still found objects, so it can only be earlier than the deletion.
        var closedAt = (await store.ListAsync($"live/{id}/{session}/source/").SingleAsync(o => o.Key.EndsWith("/live.m3u8", StringComparison.Ordinal))).LastModified;
        var lastSeen = closedAt;
        Assert.True(
            await Eventually.WaitAsync(
                async () =>
                {
                    var now = TimeProvider.System.GetUtcNow();
                    var present = await store.ListAsync($"live/{id}/").AnyAsync();
                    lastSeen = present ? now : lastSeen;
                    return !present;
                },
                TimeSpan.FromSeconds(30),
                TimeSpan.FromMilliseconds(100)),
            "the live objects outlived the linger");
        Assert.True(lastSeen - closedAt >= TimeSpan.FromSeconds(3), $"deleted {lastSeen - closedAt} after the session closed, before the 5 s linger");
    }

    [Fact]
    public async Task Publish_WrongKey_FfmpegFailsFast_NothingRecorded()
    {
        var (id, key) = await LiveSteps.CreateChannelAsync(Http, "liveowner2");
        var clock = Stopwatch.StartNew();

        var run = await LiveSteps.PublishAsync(LiveSteps.IngestPort(Cluster), "wrong" + key[5..], seconds: 3);

        Assert.False(run.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // No pause needed: the key index refused the key before any channel grain or session was touched
        // (PublishAuthorizer), and ffmpeg exits only after that refusal, so this is the final state.
        var channel = await LiveSteps.ChannelAsync(Http, id);
        Assert.Equal("idle", channel.GetProperty("status").GetString());
        Assert.Equal(0, channel.GetProperty("recordings").GetArrayLength());
        Assert.Empty(await store.ListAsync($"live/{id}/").ToListAsync());
    }

    /// <summary>Seconds of media up to the end of the last segment of a live media playlist (segments are numbered from 0).</summary>
    private static double MediaEnd(string playlist)
    {
        var lines = playlist.Split('\n');
        var sequence = int.Parse(lines.First(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))[22..], System.Globalization.CultureInfo.InvariantCulture);
        var durations = lines.Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
            .Select(l => double.Parse(l[8..].TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return (sequence * 2.0) + durations.Sum();
    }

}
