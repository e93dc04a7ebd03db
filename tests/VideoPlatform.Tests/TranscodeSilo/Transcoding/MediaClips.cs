using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

/// <summary>Small real media files made with ffmpeg once per test run, plus the broken ones the issue lists.</summary>
public sealed class MediaClips : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"vp-clips-{Guid.NewGuid():N}");

    public string Landscape => Path.Combine(Folder, "landscape.mp4");

    public string PortraitSilent => Path.Combine(Folder, "portrait-silent.mp4");

    public string Rotated => Path.Combine(Folder, "rotated.mp4");

    public string Long => Path.Combine(Folder, "long.mp4");

    public string Short => Path.Combine(Folder, "short.mp4");

    public string Empty => Path.Combine(Folder, "empty.mp4");

    public string TruncatedFastStart => Path.Combine(Folder, "truncated-faststart.mp4");

    public string TruncatedNoMoov => Path.Combine(Folder, "truncated-nomoov.mp4");

    public string RandomBytes => Path.Combine(Folder, "random.mp4");

    public string PngRenamed => Path.Combine(Folder, "picture.mp4");

    public string AudioOnly => Path.Combine(Folder, "audio.m4a");

    public string UnknownCodec => Path.Combine(Folder, "unknown-codec.avi");

    /// <summary>As a browser's MediaRecorder writes it: WebM muxed live, so the header states no duration.</summary>
    public string BrowserRecording => Path.Combine(Folder, "recording.webm");

    public string TextFile => Path.Combine(Folder, "notes.mp4");

    /// <summary>One second of frames, then a single frame at half an hour: a header that promises far more than the data.</summary>
    public string SparseFrames => Path.Combine(Folder, "sparse.mkv");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", "-movflags", "+faststart", Landscape);
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=360x640:rate=25", "-t", "3", "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", PortraitSilent);
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-t", "3", "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", Rotated);
        await File.WriteAllBytesAsync(Rotated, Mp4Rotation.RotateQuarterTurn(await File.ReadAllBytesAsync(Rotated)));
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "30", "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", Long);

        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", Short);

        await File.WriteAllBytesAsync(Empty, []);
        var whole = await File.ReadAllBytesAsync(Landscape);
        await File.WriteAllBytesAsync(TruncatedFastStart, whole[..(whole.Length * 2 / 5)]);
        var moovAtEnd = Path.Combine(Folder, "moov-at-end.mp4");
        await FfmpegAsync("-i", Landscape, "-c", "copy", moovAtEnd);
        await File.WriteAllBytesAsync(TruncatedNoMoov, (await File.ReadAllBytesAsync(moovAtEnd))[..50_000]);
        var random = new byte[100_000];
        new Random(42).NextBytes(random);
        await File.WriteAllBytesAsync(RandomBytes, random);
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", "-f", "image2", "-c:v", "png", PngRenamed);
        await FfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440", "-t", "2", "-c:a", "aac", AudioOnly);
        var avi = Path.Combine(Folder, "h264.avi");
        await FfmpegAsync("-i", Landscape, "-an", "-c:v", "copy", avi);
        await File.WriteAllBytesAsync(UnknownCodec, AviFourCc.Replace(await File.ReadAllBytesAsync(avi), "avc1"u8, "ZZZZ"u8));
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "3", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", "-f", "webm", "-live", "1", BrowserRecording);
        await File.WriteAllTextAsync(TextFile, "My holiday video\nPlease transcode me.\n");
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-frames:v", "31", "-vf", "setpts='if(lt(N,30),N/30,1800)/TB'",
            "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", SparseFrames);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        string[] all = ["-hide_banner", "-nostdin", "-v", "error", "-y", .. arguments];
        var run = await ToolProcess.RunAsync("ffmpeg", all, null, null, CancellationToken.None);
        Assert.True(run.Succeeded, run.StandardErrorTail);
    }
}
