using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

/// <summary>Cases that are awkward to produce with ffmpeg 5.1, fed as ffprobe JSON.</summary>
[Trait("Category", "Unit")]
public sealed class ProbeClassifierTests
{
    private static readonly ProbeLimits Limit = new(TimeSpan.FromHours(6));

    private static string Json(string videoExtra, string formatDuration = "\"duration\": \"10.0\",", string extraStreams = "") => $$"""
        { "streams": [
            { "codec_type": "video", "codec_name": "h264", "width": 1920, "height": 1080, "pix_fmt": "yuv420p",
              "r_frame_rate": "30/1", "avg_frame_rate": "30/1" {{videoExtra}} }
            {{extraStreams}} ],
          "format": { "format_name": "mov,mp4,m4a,3gp,3g2,mj2", {{formatDuration}} "bit_rate": "5000000" } }
        """;

    [Fact]
    public void Classify_PhoneVariableRate_FlagsVariable()
    {
        var json = Json(", \"r_frame_rate\": \"90000/1\", \"avg_frame_rate\": \"8963/300\"");

        var source = Assert.IsType<ProbeResult.Accepted>(ProbeClassifier.Classify(json, 10, Limit)).Source;

        Assert.True(source.IsVariableFrameRate);
        Assert.Equal(new FrameRate(8963, 300), source.FrameRate);
    }

    [Fact]
    public void Classify_StreamDurationShorterThanFile_KeptAsVideoDuration()
    {
        var json = Json(", \"duration\": \"8.5\"");

        var source = Assert.IsType<ProbeResult.Accepted>(ProbeClassifier.Classify(json, 10, Limit)).Source;

        Assert.Equal((10.0, 8.5), (source.Duration.TotalSeconds, source.VideoDuration?.TotalSeconds));
    }

    [Fact]
    public void Classify_NoStreamDuration_VideoDurationUnknown()
    {
        var source = Assert.IsType<ProbeResult.Accepted>(ProbeClassifier.Classify(Json(""), 10, Limit)).Source;

        Assert.Null(source.VideoDuration);
    }

    [Fact]
    public void Classify_AnamorphicPixels_WidthIsDisplayWidth()
    {
        var json = Json(", \"sample_aspect_ratio\": \"4:3\"").Replace("\"width\": 1920", "\"width\": 1440", StringComparison.Ordinal);

        var source = Assert.IsType<ProbeResult.Accepted>(ProbeClassifier.Classify(json, 10, Limit)).Source;

        Assert.Equal((1920, 1080), (source.Width, source.Height));
    }

    [Fact]
    public void Classify_Mp3WithCoverArt_NotVideo()
    {
        var json = """
            { "streams": [
                { "codec_type": "audio", "codec_name": "mp3", "channels": 2 },
                { "codec_type": "video", "codec_name": "mjpeg", "width": 500, "height": 500, "disposition": { "attached_pic": 1 } } ],
              "format": { "format_name": "mp3", "duration": "200.0" } }
            """;

        var rejected = Assert.IsType<ProbeResult.Rejected>(ProbeClassifier.Classify(json, 10, Limit));

        Assert.Equal("not_video", rejected.Rejection.Code);
    }

    [Fact]
    public void Classify_NoDuration_Corrupt()
    {
        var rejected = Assert.IsType<ProbeResult.Rejected>(ProbeClassifier.Classify(Json("", formatDuration: ""), 10, Limit));

        Assert.Equal("corrupt", rejected.Rejection.Code);
    }

    [Fact]
    public void Classify_CodecWithoutDecoder_UnsupportedCodec()
    {
        var json = Json("").Replace("\"codec_name\": \"h264\",", "\"codec_tag_string\": \"ZZZZ\",", StringComparison.Ordinal);

        var rejected = Assert.IsType<ProbeResult.Rejected>(ProbeClassifier.Classify(json, 10, Limit));

        Assert.Equal("unsupported_codec", rejected.Rejection.Code);
        Assert.Contains("ZZZZ", rejected.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_LegacyRotateTag_SwapsDimensions()
    {
        var json = Json(", \"tags\": { \"rotate\": \"90\" }");

        var source = Assert.IsType<ProbeResult.Accepted>(ProbeClassifier.Classify(json, 10, Limit)).Source;

        Assert.Equal((1080, 1920, 90), (source.Width, source.Height, source.Rotation));
    }

    [Theory]
    [InlineData(16384, 2160)]
    [InlineData(8192, 4322)]
    [InlineData(4322, 8192)]
    public void Classify_PictureOverTheLimit_TooLarge(int width, int height)
    {
        var json = Json("").Replace("\"width\": 1920, \"height\": 1080", $"\"width\": {width}, \"height\": {height}", StringComparison.Ordinal);

        var rejected = Assert.IsType<ProbeResult.Rejected>(ProbeClassifier.Classify(json, 10, Limit));

        Assert.Equal("too_large", rejected.Rejection.Code);
    }

    [Fact]
    public void Classify_PortraitEightK_Accepted()
    {
        var json = Json("").Replace("\"width\": 1920, \"height\": 1080", "\"width\": 4320, \"height\": 7680", StringComparison.Ordinal);

        Assert.IsType<ProbeResult.Accepted>(ProbeClassifier.Classify(json, 10, Limit));
    }

    [Fact]
    public void Classify_PixelAspectStretchesPastTheLimit_TooLarge()
    {
        // 1920 coded columns shown 100 times as wide: the ladder would scale to 192000 pixels across.
        var json = Json(", \"sample_aspect_ratio\": \"100:1\"");

        var rejected = Assert.IsType<ProbeResult.Rejected>(ProbeClassifier.Classify(json, 10, Limit));

        Assert.Equal("too_large", rejected.Rejection.Code);
    }

    [Fact]
    public void Classify_NoDurationInHeader_LengthFromThePacketScan()
    {
        var scan = new PacketScan(90, TimeSpan.FromSeconds(3.007));

        var source = Assert.IsType<ProbeResult.Accepted>(ProbeClassifier.Classify(Json("", formatDuration: ""), 10, Limit, scan)).Source;

        Assert.Equal(3.007, source.Duration.TotalSeconds, 3);
    }

    [Fact]
    public void Classify_PacketScanLongerThanTheLimit_TooLong()
    {
        var scan = new PacketScan(700_000, TimeSpan.FromHours(7));

        var rejected = Assert.IsType<ProbeResult.Rejected>(ProbeClassifier.Classify(Json("", formatDuration: ""), 10, Limit, scan));

        Assert.Equal("too_long", rejected.Rejection.Code);
    }

    [Theory]
    [InlineData(", \"nb_frames\": \"300\"", 100, 10.0)] // the header counts 300 frames, the data holds 100
    [InlineData("", 300, 4.0)] // the header says 10 s, the packets end after 4
    [InlineData("", 61, 3600.0)] // 61 frames for a declared hour (the header below says 3600 s)
    public void Classify_FarFewerFramesThanDeclared_Corrupt(string videoExtra, long packets, double spanSeconds)
    {
        var json = Json(videoExtra);
        if (spanSeconds > 10)
        {
            json = json.Replace("\"duration\": \"10.0\"", "\"duration\": \"3600.0\"", StringComparison.Ordinal);
        }

        var rejected = Assert.IsType<ProbeResult.Rejected>(
            ProbeClassifier.Classify(json, 10, Limit, new PacketScan(packets, TimeSpan.FromSeconds(spanSeconds))));

        Assert.Equal("corrupt", rejected.Rejection.Code);
    }

    [Fact]
    public void Classify_PacketsMatchTheHeader_Accepted()
    {
        var scan = new PacketScan(300, TimeSpan.FromSeconds(10));

        Assert.IsType<ProbeResult.Accepted>(ProbeClassifier.Classify(Json(", \"nb_frames\": \"300\""), 10, Limit, scan));
    }
}
