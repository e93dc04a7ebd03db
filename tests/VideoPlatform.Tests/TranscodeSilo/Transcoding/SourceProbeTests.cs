using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Collection(MediaCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SourceProbeTests(MediaClips clips)
{
    private static readonly ProbeLimits SixHours = new(TimeSpan.FromHours(6));
    private readonly SourceProbe _probe = new(MediaTools.Default);

    [Fact]
    public async Task ProbeAsync_LandscapeClip_DescribesIt()
    {
        var result = await _probe.ProbeAsync(clips.Landscape, SixHours, CancellationToken.None);

        var source = Assert.IsType<ProbeResult.Accepted>(result).Source;
        Assert.Equal((1280, 720, 0), (source.Width, source.Height, source.Rotation));
        Assert.Equal(new FrameRate(30, 1), source.FrameRate);
        Assert.False(source.IsVariableFrameRate);
        Assert.Equal(("h264", "yuv420p", "aac", 2), (source.VideoCodec, source.PixelFormat, source.AudioCodec, source.AudioChannels));
        Assert.Equal("mov", source.Demuxer);
        Assert.InRange(source.Duration.TotalSeconds, 3.9, 4.1);
        Assert.Equal(new FileInfo(clips.Landscape).Length, source.Size);
        Assert.True(source.Bitrate > 0);
    }

    [Fact]
    public async Task ProbeAsync_QuarterTurnMatrix_ReportsUprightSize()
    {
        var result = await _probe.ProbeAsync(clips.Rotated, SixHours, CancellationToken.None);

        var source = Assert.IsType<ProbeResult.Accepted>(result).Source;
        Assert.Equal(270, source.Rotation);
        Assert.Equal((360, 640), (source.Width, source.Height));
        Assert.False(source.HasAudio);
    }

    [Fact]
    public async Task ProbeAsync_LongerThanLimit_RejectsTooLong()
    {
        var result = await _probe.ProbeAsync(clips.Landscape, new ProbeLimits(TimeSpan.FromSeconds(2)), CancellationToken.None);

        Assert.Equal("too_long", Assert.IsType<ProbeResult.Rejected>(result).Rejection.Code);
    }

    [Theory]
    [InlineData(nameof(MediaClips.Empty), "empty")]
    [InlineData(nameof(MediaClips.TruncatedNoMoov), "corrupt")]
    [InlineData(nameof(MediaClips.RandomBytes), "corrupt")]
    [InlineData(nameof(MediaClips.PngRenamed), "not_video")]
    [InlineData(nameof(MediaClips.AudioOnly), "not_video")]
    [InlineData(nameof(MediaClips.UnknownCodec), "unsupported_codec")]
    [InlineData(nameof(MediaClips.TextFile), "not_video")]
    [InlineData(nameof(MediaClips.SparseFrames), "corrupt")]
    public async Task ProbeAsync_BadInput_RejectsWithReason(string clip, string code)
    {
        var path = (string)typeof(MediaClips).GetProperty(clip)!.GetValue(clips)!;

        var result = await _probe.ProbeAsync(path, SixHours, CancellationToken.None);

        var rejection = Assert.IsType<ProbeResult.Rejected>(result).Rejection;
        Assert.Equal(code, rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
    }

    [Fact]
    public async Task ProbeAsync_HlsPlaylistDisguisedAsVideo_IsNotRead()
    {
        // A playlist pointing at a local file is the classic way to make a transcoder leak server files.
        var path = Path.Combine(clips.Folder, "playlist-upload");
        await File.WriteAllTextAsync(path, "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n/etc/hostname\n#EXT-X-ENDLIST\n");

        var result = await _probe.ProbeAsync(path, SixHours, CancellationToken.None);

        Assert.Equal("not_video", Assert.IsType<ProbeResult.Rejected>(result).Rejection.Code);
    }

    [Fact]
    public async Task ProbeAsync_BrowserRecordingWithoutDurationInItsHeader_LengthFromItsPackets()
    {
        var header = await ToolProcess.RunAsync(
            "ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1", clips.BrowserRecording], null, null, CancellationToken.None);
        Assert.Contains("duration=N/A", header.StandardOutput, StringComparison.Ordinal); // ffprobe itself knows no length

        var result = await _probe.ProbeAsync(clips.BrowserRecording, SixHours, CancellationToken.None);

        var source = Assert.IsType<ProbeResult.Accepted>(result).Source;
        Assert.Equal("vp8", source.VideoCodec);
        Assert.InRange(source.Duration.TotalSeconds, 2.9, 3.1);
    }

    [Fact]
    public async Task ProbeAsync_PictureOverTheLimit_RejectsTooLarge()
    {
        var result = await _probe.ProbeAsync(clips.Landscape, new ProbeLimits(TimeSpan.FromHours(6), MaxWidth: 1024, MaxHeight: 576), CancellationToken.None);

        Assert.Equal("too_large", Assert.IsType<ProbeResult.Rejected>(result).Rejection.Code);
    }
}
