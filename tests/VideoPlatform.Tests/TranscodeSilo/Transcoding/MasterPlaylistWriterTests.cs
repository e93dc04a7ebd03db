using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class MasterPlaylistWriterTests
{
    private static readonly Rung R720 = new("720p", 1280, 720, 2800, 3080, 5600, "high", 128);
    private static readonly Rung R360 = new("360p", 640, 360, 800, 880, 1600, "main", 96);

    [Fact]
    public void Write_WithAudio_AllAttributesPerVariant()
    {
        RenditionStats[] stats =
        [
            new(R720, "720p/index.m3u8", 3_100_000, 2_750_000, "avc1.64001f"),
            new(R360, "360p/index.m3u8", 900_000, 790_000, "avc1.4d401e"),
        ];

        var text = MasterPlaylistWriter.Write(stats, new FrameRate(30000, 1001), hasAudio: true);

        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=3100000,AVERAGE-BANDWIDTH=2750000,RESOLUTION=1280x720,CODECS=\"avc1.64001f,mp4a.40.2\",FRAME-RATE=29.970\n"
            + "720p/index.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=790000,RESOLUTION=640x360,CODECS=\"avc1.4d401e,mp4a.40.2\",FRAME-RATE=29.970\n"
            + "360p/index.m3u8\n",
            text);
    }

    [Fact]
    public void Write_NoAudio_VideoCodecOnly()
    {
        var text = MasterPlaylistWriter.Write([new(R360, "360p/index.m3u8", 1, 1, "avc1.4d401e")], new FrameRate(25, 1), hasAudio: false);

        Assert.Contains("CODECS=\"avc1.4d401e\",FRAME-RATE=25.000\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Planned_WithAudio_CeilingAndTargetIncludeAudio()
    {
        var stats = RenditionStats.Planned(R720, "avc1.64001f", hasAudio: true);

        Assert.Equal(new RenditionStats(R720, "720p/index.m3u8", (3080 + 128) * 1000, (2800 + 128) * 1000, "avc1.64001f"), stats);
    }

    [Fact]
    public void Planned_WithoutAudio_VideoOnly()
    {
        var stats = RenditionStats.Planned(R360, "avc1.4d401e", hasAudio: false);

        Assert.Equal((880_000L, 800_000L), (stats.PeakBitrate, stats.AverageBitrate));
    }
}
