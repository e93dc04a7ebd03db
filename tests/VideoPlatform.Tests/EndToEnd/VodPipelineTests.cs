using System.Net;
using System.Text.Json;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Api.Uploads;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>Upload → queue → media-pool FFmpeg → object store → playback through the Api, with real ffmpeg/ffprobe.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VodPipelineTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly TempFolder folder = new("vp-vod");
    private readonly ApiFactory api = new(cluster);
    private HttpClient http = null!;
    private FileSystemObjectStore store = null!;

    public async Task InitializeAsync()
    {
        api.StartKestrel();
        // The admin: the steps read the transcode queue's admin views for diagnostics.
        http = (await api.AdminAsync()).Client;
        store = new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System);
    }

    [Fact]
    public async Task TusUpload_1080pClipInterruptedAndResumed_BecomesReadyAndEveryRenditionDecodesThroughApi()
    {
        var clip = await TestMedia.ClipAsync(folder.Path, 1920, 1080, 10);
        var id = await VodSteps.CreateAsync(http);
        var modules = await NodeTools.ModulesAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "Api", "Uploads", "tus-resume.js");
        var (exitCode, output) = await NodeTools.RunAsync(
            "node", [script, new Uri(http.BaseAddress!, "/api/uploads").ToString(), id, clip, http.DefaultRequestHeaders.Authorization!.Parameter!],
            new Dictionary<string, string> { ["NODE_PATH"] = modules });
        Assert.True(exitCode == 0, output);
        Assert.InRange(JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("resumedFrom").GetInt64(), 1, new FileInfo(clip).Length - 1);

        var video = await VodSteps.WaitForStatusAsync(http, id, "ready", TimeSpan.FromMinutes(3));

        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.Equal(100, video.GetProperty("progress").GetInt32());
        Assert.Equal(10.0, video.GetProperty("duration").GetDouble(), 0.5);
        Assert.Equal(1920, video.GetProperty("source").GetProperty("width").GetInt32());
        // The media silo hashed the stored source in place (FileSystem store): the bytes tus-js-client sent.
        var held = await cluster.Client.GetGrain<VideoPlatform.Grains.Videos.IVideoGrain>(id).Get();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(clip))), held!.Source!.Sha256);
        var renditions = video.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("height").GetInt32()).ToList();
        Assert.Equal([1080, 720, 480, 360, 240], renditions);
        var playback = video.GetProperty("playback");
        var master = await http.GetAsync(playback.GetProperty("hls").GetString());
        Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType?.MediaType);
        var lines = (await master.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries);
        var variants = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(5, variants.Count);
        Assert.All(lines.Where(l => l.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal)), l =>
        {
            foreach (var attribute in new[] { "BANDWIDTH=", "AVERAGE-BANDWIDTH=", "RESOLUTION=", "CODECS=", "FRAME-RATE=" })
            {
                Assert.Contains(attribute, l, StringComparison.Ordinal);
            }
        });
        var baseUrl = new Uri(http.BaseAddress!, playback.GetProperty("hls").GetString()!);
        var probed = new List<int>();
        foreach (var variant in variants)
        {
            var (_, height, duration) = await TestMedia.ProbeAsync(new Uri(baseUrl, variant).ToString());
            probed.Add(height);
            Assert.Equal(10.0, duration, 0.5);
        }

        Assert.Equal(renditions, probed);
        var poster = await http.GetAsync(playback.GetProperty("poster").GetString());
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);
        var storyboard = await http.GetStringAsync(playback.GetProperty("storyboard").GetString());
        Assert.StartsWith("WEBVTT", storyboard, StringComparison.Ordinal);
        Assert.Contains("#xywh=", storyboard, StringComparison.Ordinal);
        var job = await cluster.Client.GetGrain<ITranscodeJobGrain>(id).Get();
        Assert.Empty(Directory.EnumerateDirectories(cluster.WorkFolderOf(job!.WorkerId!), "vp-job-*"));
    }

    [Fact]
    public async Task Upload_RandomBytes_FailsAsCorruptWithoutOutputs()
    {
        var junk = Path.Combine(folder.Path, "junk.mp4");
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(junk, bytes);
        var id = await VodSteps.CreateAsync(http);
        await VodSteps.PutSourceAsync(http, id, junk);

        var video = await VodSteps.WaitForStatusAsync(http, id, "failed", TimeSpan.FromMinutes(1));

        Assert.Equal("failed", video.GetProperty("status").GetString());
        Assert.Equal("corrupt", video.GetProperty("failure").GetProperty("code").GetString());
        Assert.False(video.TryGetProperty("playback", out _));
        Assert.Empty(await store.ListAsync($"vod/{id}/").ToListAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/play/{id}/master.m3u8")).StatusCode);
    }

    [Fact]
    public async Task PutSource_20sClip_PlayableThroughApiWhileProcessing_ThenReadyAsVod()
    {
        var clip = await TestMedia.ClipAsync(folder.Path, 1920, 1080, 20);
        var id = await VodSteps.CreateAsync(http, "progressive");
        await VodSteps.PutSourceAsync(http, id, clip);

        var growing = await WaitUntilPlayableWhileProcessingAsync(id);

        Assert.False(growing.GetProperty("playback").TryGetProperty("poster", out var poster) && poster.ValueKind == JsonValueKind.String);
        var master = await http.GetAsync($"/play/{id}/master.m3u8");
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.True(master.Headers.CacheControl!.NoCache, master.Headers.CacheControl.ToString());
        var lowest = await http.GetStringAsync($"/play/{id}/240p/index.m3u8");
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:EVENT", lowest, StringComparison.Ordinal);
        var first = await http.GetAsync($"/play/{id}/240p/seg_00000.m4s");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var ready = await VodSteps.WaitForStatusAsync(http, id, "ready", TimeSpan.FromMinutes(3));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, ready.GetProperty("playback").GetProperty("poster").ValueKind);
        var finished = await http.GetAsync($"/play/{id}/240p/index.m3u8");
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", await finished.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(VideoPlatform.Api.Playback.PlaybackCacheControl.PlaylistLifetime, finished.Headers.CacheControl!.MaxAge);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await http.GetByteArrayAsync($"/play/{id}/240p/seg_00000.m4s"));
    }

    [Fact]
    public async Task PutSource_CutShortAfterItsFirstSegments_FailsAndLeavesNoHalfLadder()
    {
        // The index sits up front (faststart), so the first 60% decodes and is published while it encodes; then the data ends.
        var whole = await TestMedia.ClipAsync(folder.Path, 1920, 1080, 20);
        var faststart = Path.Combine(folder.Path, "faststart.mp4");
        var remux = await VideoPlatform.TranscodeSilo.Transcoding.ToolProcess.RunAsync(
            "ffmpeg", ["-v", "error", "-y", "-i", whole, "-c", "copy", "-movflags", "+faststart", faststart], null, null, CancellationToken.None);
        Assert.True(remux.Succeeded, remux.StandardErrorTail);
        var bytes = await File.ReadAllBytesAsync(faststart);
        var cut = Path.Combine(folder.Path, "cut.mp4");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length * 6 / 10)]);
        var id = await VodSteps.CreateAsync(http, "cut short");
        await VodSteps.PutSourceAsync(http, id, cut);

        await WaitUntilPlayableWhileProcessingAsync(id);
        var video = await VodSteps.WaitForStatusAsync(http, id, "failed", TimeSpan.FromMinutes(2));

        Assert.Equal("failed", video.GetProperty("status").GetString());
        Assert.Equal("corrupt", video.GetProperty("failure").GetProperty("code").GetString());
        Assert.False(video.TryGetProperty("playback", out _));
        Assert.Empty(await store.ListAsync($"vod/{id}/").ToListAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/play/{id}/master.m3u8")).StatusCode);
    }

    private async Task<JsonElement> WaitUntilPlayableWhileProcessingAsync(string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!deadline.IsCancellationRequested)
        {
            var video = JsonDocument.Parse(await http.GetStringAsync($"/api/videos/{id}")).RootElement;
            var status = video.GetProperty("status").GetString();
            if (status == "processing" && video.TryGetProperty("playback", out var playback) && playback.ValueKind == JsonValueKind.Object)
            {
                return video;
            }

            Assert.True(status is "uploaded" or "processing", $"video became {status} without being playable while processing: {video}");
            await Task.Delay(100);
        }

        Assert.Fail($"video {id} never became playable while processing");
        return default;
    }

    public Task DisposeAsync()
    {
        http.Dispose();
        folder.Dispose();
        return api.DisposeAsync().AsTask();
    }
}
