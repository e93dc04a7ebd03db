using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.TranscodeSilo.Ingest.Server;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>Steps shared by the live end-to-end tests: channels through the Api, a real ffmpeg RTMP publisher, polling.</summary>
public static class LiveSteps
{
    public static async Task<(string Id, string Key)> CreateChannelAsync(HttpClient http, string owner, bool record = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channels") { Content = JsonContent.Create(new { name = "e2e live", record }) };
        await request.AuthorizeAsync(http, owner);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("id").GetString()!, body.GetProperty("streamKey").GetString()!);
    }

    public static async Task<JsonElement> ChannelAsync(HttpClient http, string id) =>
        JsonDocument.Parse(await http.GetStringAsync($"/api/channels/{id}")).RootElement;

    /// <summary>The RTMP port of a media silo's ingest (the fixture's first media silo by default).</summary>
    public static int IngestPort(PlatformClusterFixture cluster, InProcessSiloHandle? silo = null) =>
        (silo ?? cluster.SilosOf(SiloPool.Media).First()).ServiceProvider.GetRequiredService<RtmpIngestListener>().LocalEndpoint!.Port;

    /// <summary>ffmpeg pushing a synthetic 1280x720 H.264 + AAC stream in real time (2 s GOP), as rtmp.md §10 describes.</summary>
    public static Task<ToolRun> PublishAsync(int port, string key, int seconds, CancellationToken cancellationToken = default) =>
        ToolProcess.RunAsync("ffmpeg",
        [
            "-hide_banner", "-nostdin", "-v", "error",
            "-re", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
            "-re", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
            "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-b:v", "2500k",
            "-c:a", "aac", "-b:a", "128k", "-f", "flv", $"rtmp://127.0.0.1:{port}/live/{key}",
        ], null, null, cancellationToken);

    public static async Task<JsonElement> WaitForChannelAsync(HttpClient http, string id, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        JsonElement channel = default;
        var reached = await Eventually.WaitAsync(async () => condition(channel = await ChannelAsync(http, id)), timeout);
        Assert.True(reached, $"channel {id}: {what} not reached within {timeout}: {channel}");
        return channel;
    }

    public static bool IsLive(JsonElement channel) => channel.GetProperty("status").GetString() == "live";

    public static bool HasRecording(JsonElement channel) =>
        channel.GetProperty("status").GetString() == "idle" && channel.GetProperty("recordings").GetArrayLength() > 0;

    /// <summary>ffprobe's codec_name,width,height lines for every stream of a URL.</summary>
    public static async Task<IReadOnlyList<string>> StreamsAsync(string url)
    {
        var run = await ToolProcess.RunAsync("ffprobe",
            ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", url], null, null, CancellationToken.None);
        Assert.True(run.Succeeded, run.StandardErrorTail);
        return run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
