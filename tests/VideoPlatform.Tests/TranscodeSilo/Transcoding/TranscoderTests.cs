using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Collection(MediaCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TranscoderTests(MediaClips clips) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vp-transcoder-").FullName;

    private string WorkRoot => Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;

    private string Output => Path.Combine(_root, "out");

    private TranscodeOptions Options => new() { Preset = "ultrafast", WorkRoot = WorkRoot, Threads = 2 };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task TranscodeAsync_720pWithAudio_FullLadderPlayableAndLaidOut()
    {
        var reports = new List<double>();

        var outcome = await new Transcoder().TranscodeAsync(clips.Landscape, Output, Options, new SyncProgress(reports), CancellationToken.None);

        var result = Assert.IsType<TranscodeOutcome.Transcoded>(outcome).Result;
        Assert.Equal(["720p", "480p", "360p", "240p"], result.Renditions.Select(r => r.Name));
        var master = await File.ReadAllTextAsync(Path.Combine(Output, result.MasterPlaylistPath));
        foreach (var r in result.Renditions)
        {
            Assert.Contains($"RESOLUTION={r.Width}x{r.Height},CODECS=\"avc1.", master, StringComparison.Ordinal);
            Assert.Contains($"\n{r.Name}/index.m3u8\n", master, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Output, r.Name, "init.mp4")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(Output, r.Name), "seg_*.m4s"));
            await AssertRenditionAsync(Path.Combine(Output, r.PlaylistPath), r.Width, r.Height, 4.0, audio: true);
        }

        Assert.Contains("AVERAGE-BANDWIDTH=", master, StringComparison.Ordinal);
        Assert.Contains(",mp4a.40.2\",FRAME-RATE=30.000", master, StringComparison.Ordinal);
        await AssertJpegAsync(Path.Combine(Output, result.PosterPath), 1280, 720);
        await AssertJpegAsync(Path.Combine(Output, result.StoryboardPath), 160, 90);
        Assert.Contains("storyboard.jpg#xywh=0,0,160,90", await File.ReadAllTextAsync(Path.Combine(Output, result.StoryboardVttPath)), StringComparison.Ordinal);
        Assert.Equal(100, reports[^1]);
        Assert.Empty(Directory.GetFileSystemEntries(WorkRoot));
    }

    [Fact]
    public async Task TranscodeAsync_PosterFromTheSameEncode_IsTheFrameAtTenPercentNotTheFirst()
    {
        var outcome = await new Transcoder().TranscodeAsync(clips.Landscape, Output, Options, null, CancellationToken.None);

        var poster = Path.Combine(Output, Assert.IsType<TranscodeOutcome.Transcoded>(outcome).Result.PosterPath);
        var atTenPercent = await PsnrAsync(poster, await ReferenceFrameAsync("0.4"));
        var first = await PsnrAsync(poster, await ReferenceFrameAsync("0"));
        Assert.True(atTenPercent > first + 5, $"poster vs 0.4 s: {atTenPercent} dB, vs 0 s: {first} dB");
    }

    [Fact]
    public async Task TranscodeAsync_Progress_RisesDuringTheEncodeNotOnlyAtTheEnd()
    {
        var reports = new List<double>();

        await new Transcoder().TranscodeAsync(clips.Long, Output, Options, new SyncProgress(reports), CancellationToken.None);

        // The image outputs must not hold back ffmpeg's progress report until the last frame.
        Assert.Contains(reports, r => r is > 0 and < 80);
        Assert.Equal(100, reports[^1]);
        await AssertJpegAsync(Path.Combine(Output, "thumbs/storyboard.jpg"), 6 * 160, 90);
    }

    [Fact]
    public async Task TranscodeAsync_ShorterThanOneStoryboardInterval_OneTile()
    {
        var outcome = await new Transcoder().TranscodeAsync(clips.Short, Output, Options, null, CancellationToken.None);

        Assert.IsType<TranscodeOutcome.Transcoded>(outcome);
        await AssertJpegAsync(Path.Combine(Output, "thumbs/storyboard.jpg"), 160, 120);
        Assert.Contains("storyboard.jpg#xywh=0,0,160,120", await File.ReadAllTextAsync(Path.Combine(Output, "thumbs/storyboard.vtt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranscodeAsync_PortraitWithoutAudio_VideoOnlyRungs()
    {
        var outcome = await new Transcoder().TranscodeAsync(clips.PortraitSilent, Output, Options, null, CancellationToken.None);

        var result = Assert.IsType<TranscodeOutcome.Transcoded>(outcome).Result;
        Assert.Equal(["360p=360x640", "240p=240x426"], result.Renditions.Select(r => $"{r.Name}={r.Width}x{r.Height}"));
        Assert.DoesNotContain("mp4a", await File.ReadAllTextAsync(Path.Combine(Output, "master.m3u8")), StringComparison.Ordinal);
        await AssertRenditionAsync(Path.Combine(Output, "360p/index.m3u8"), 360, 640, 3.0, audio: false);
        await AssertJpegAsync(Path.Combine(Output, "thumbs/storyboard.jpg"), 90, 160);
    }

    [Fact]
    public async Task TranscodeAsync_RotatedSource_UprightOutputWithoutRotation()
    {
        var outcome = await new Transcoder().TranscodeAsync(clips.Rotated, Output, Options, null, CancellationToken.None);

        Assert.IsType<TranscodeOutcome.Transcoded>(outcome);
        var stream = await ProbeVideoAsync(Path.Combine(Output, "360p/index.m3u8"));
        Assert.Equal((360, 640), (stream.GetProperty("width").GetInt32(), stream.GetProperty("height").GetInt32()));
        Assert.False(stream.TryGetProperty("side_data_list", out _));
        await AssertJpegAsync(Path.Combine(Output, "thumbs/poster.jpg"), 360, 640);
    }

    [Theory]
    [InlineData(nameof(MediaClips.Empty), "empty")]
    [InlineData(nameof(MediaClips.TruncatedFastStart), "corrupt")]
    [InlineData(nameof(MediaClips.TruncatedNoMoov), "corrupt")]
    [InlineData(nameof(MediaClips.UnknownCodec), "unsupported_codec")]
    [InlineData(nameof(MediaClips.RandomBytes), "corrupt")]
    [InlineData(nameof(MediaClips.PngRenamed), "not_video")]
    [InlineData(nameof(MediaClips.AudioOnly), "not_video")]
    [InlineData(nameof(MediaClips.TextFile), "not_video")]
    [InlineData(nameof(MediaClips.SparseFrames), "corrupt")]
    public async Task TranscodeAsync_BadInput_RejectedAndNothingLeft(string clip, string code)
    {
        var path = (string)typeof(MediaClips).GetProperty(clip)!.GetValue(clips)!;

        var outcome = await new Transcoder().TranscodeAsync(path, Output, Options, null, CancellationToken.None);

        Assert.Equal(code, Assert.IsType<TranscodeOutcome.Rejected>(outcome).Rejection.Code);
        Assert.Empty(Directory.GetFileSystemEntries(WorkRoot));
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task TranscodeAsync_Cancelled_KillsFfmpegAndRemovesTempFolder()
    {
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var progress = new SyncProgress([], onReport: () => started.TrySetResult());
        var slow = Options with { Preset = "veryslow" };

        var transcode = new Transcoder().TranscodeAsync(clips.Long, Output, slow, progress, cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEmpty(FfmpegProcessesReading(clips.Long));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transcode);
        Assert.Empty(FfmpegProcessesReading(clips.Long));
        Assert.Empty(Directory.GetFileSystemEntries(WorkRoot));
    }

    [Fact]
    public async Task TranscodeAsync_BrowserRecordingWithoutDuration_BecomesAVideo()
    {
        var outcome = await new Transcoder().TranscodeAsync(clips.BrowserRecording, Output, Options, null, CancellationToken.None);

        var result = Assert.IsType<TranscodeOutcome.Transcoded>(outcome).Result;
        Assert.InRange(result.Duration.TotalSeconds, 2.9, 3.1);
        Assert.Equal(["240p"], result.Renditions.Select(r => r.Name));
        Assert.True(File.Exists(Path.Combine(Output, result.PosterPath)));
    }

    [Fact]
    public async Task TranscodeAsync_PastItsWallClockLimit_KillsFfmpegAndTimesOut()
    {
        // 3 s for a 30 s 720p ladder at a slow preset: the limit strikes mid-encode.
        var limited = Options with { Preset = "medium", TimeoutFloor = TimeSpan.FromSeconds(3), TimeoutFactor = 0 };

        var outcome = await new Transcoder().TranscodeAsync(clips.Long, Output, limited, null, CancellationToken.None);

        Assert.Equal("transcode_timeout", Assert.IsType<TranscodeOutcome.Rejected>(outcome).Rejection.Code);
        Assert.Empty(FfmpegProcessesReading(clips.Long));
        Assert.Empty(Directory.GetFileSystemEntries(WorkRoot));
        Assert.False(Directory.Exists(Output));
    }

    [Theory]
    [InlineData(-2, null)]
    [InlineData(2, "transcode_timeout")]
    public async Task TranscodeAsync_ClockPastTheFloor_StopsOnlyPastFloorPlusFactorTimesDuration(int secondsAroundLimit, string? code)
    {
        // The 4 s clip's limit is 3 s + 10 × 4 s: the clock jumps to just before or after it at the first progress report,
        // while FFmpeg runs, so the floor alone would stop both encodes and the machine's speed decides nothing.
        var time = new FakeTimeProvider();
        var limited = Options with { TimeoutFloor = TimeSpan.FromSeconds(3), TimeoutFactor = 10 };
        var jumped = 0;
        var progress = new SyncProgress([], onReport: () =>
        {
            if (Interlocked.Exchange(ref jumped, 1) == 0)
            {
                time.Advance(TimeSpan.FromSeconds(43 + secondsAroundLimit));
            }
        });

        var outcome = await new Transcoder(MediaTools.Default, time).TranscodeAsync(clips.Landscape, Output, limited, progress, CancellationToken.None);

        Assert.Equal(1, jumped);
        Assert.Equal(code, (outcome as TranscodeOutcome.Rejected)?.Rejection.Code);
        Assert.Equal(code is null, outcome is TranscodeOutcome.Transcoded);
        Assert.Empty(FfmpegProcessesReading(clips.Landscape));
    }

    private static List<int> FfmpegProcessesReading(string file) =>
        Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d))
            .Where(name => int.TryParse(name, CultureInfo.InvariantCulture, out _))
            .Where(pid => ReadCommandLine(pid) is [var program, .. var args] && Path.GetFileName(program) == "ffmpeg" && args.Contains(file))
            .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture)).ToList();

    private static string[]? ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task AssertRenditionAsync(string playlist, int width, int height, double seconds, bool audio)
    {
        var run = await ToolProcess.RunAsync("ffprobe",
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", playlist], null, null, CancellationToken.None);
        Assert.True(run.Succeeded, run.StandardErrorTail);
        using var doc = JsonDocument.Parse(run.StandardOutput);
        var streams = doc.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal((width, height), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()));
        Assert.Equal(audio, streams.Any(s => s.GetProperty("codec_type").GetString() == "audio"));
        var duration = double.Parse(doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(duration, seconds - 0.5, seconds + 0.5);

        var decode = await ToolProcess.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-xerror", "-i", playlist, "-f", "null", "-"], null, null, CancellationToken.None);
        Assert.True(decode.Succeeded && decode.StandardErrorTail.Length == 0, decode.StandardErrorTail);
    }

    private static async Task<JsonElement> ProbeVideoAsync(string path)
    {
        var run = await ToolProcess.RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-select_streams", "v:0", path],
            null, null, CancellationToken.None);
        Assert.True(run.Succeeded, run.StandardErrorTail);
        return JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("streams")[0].Clone();
    }

    private async Task<string> ReferenceFrameAsync(string at)
    {
        var path = Path.Combine(_root, $"ref-{at}.png");
        var run = await ToolProcess.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", at, "-i", clips.Landscape, "-frames:v", "1", path], null, null, CancellationToken.None);
        Assert.True(run.Succeeded, run.StandardErrorTail);
        return path;
    }

    // Peak signal-to-noise ratio of two pictures of one size, in dB: higher is more alike.
    private static async Task<double> PsnrAsync(string a, string b)
    {
        var run = await ToolProcess.RunAsync("ffmpeg", ["-hide_banner", "-i", a, "-i", b, "-lavfi", "psnr", "-f", "null", "-"], null, null, CancellationToken.None);
        var average = run.StandardErrorTail.Split("average:")[^1].Split(' ')[0];
        return average == "inf" ? 100 : double.Parse(average, CultureInfo.InvariantCulture);
    }

    private static async Task AssertJpegAsync(string path, int width, int height)
    {
        var stream = await ProbeVideoAsync(path);
        Assert.Equal("mjpeg", stream.GetProperty("codec_name").GetString());
        Assert.Equal((width, height), (stream.GetProperty("width").GetInt32(), stream.GetProperty("height").GetInt32()));
    }

    private sealed class SyncProgress(List<double> reports, Action? onReport = null) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports)
            {
                reports.Add(value);
            }

            onReport?.Invoke();
        }
    }
}
