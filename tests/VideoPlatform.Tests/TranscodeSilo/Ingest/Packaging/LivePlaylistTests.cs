using VideoPlatform.TranscodeSilo.Ingest.Packaging;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Packaging;

[Trait("Category", "Unit")]
public sealed class LivePlaylistTests
{
    private const string FfmpegPlaylist = "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:5\n#EXT-X-INDEPENDENT-SEGMENTS\n"
        + "#EXTINF:2.000000,\nseg_00005.ts\n#EXTINF:2.040000,\nseg_00006.ts\n#EXTINF:1.960000,\nseg_00007.ts\n";

    private static List<LiveSegment> Segments(int count, int discontinuityAt = -1) =>
        [.. Enumerable.Range(0, count).Select(i => new LiveSegment(i, 2.0, $"seg_{i:00000}.ts", i == discontinuityAt))];

    [Fact]
    public void Parse_FfmpegLivePlaylist_SequenceDurationsUris()
    {
        var segments = HlsPlaylistParser.Parse(FfmpegPlaylist);

        Assert.Equal(
        [
            new LiveSegment(5, 2.0, "seg_00005.ts", false),
            new LiveSegment(6, 2.04, "seg_00006.ts", false),
            new LiveSegment(7, 1.96, "seg_00007.ts", false),
        ], segments);
    }

    [Fact]
    public void Parse_TruncatedOrEmpty_OnlyCompleteEntries()
    {
        Assert.Empty(HlsPlaylistParser.Parse(""));
        Assert.Single(HlsPlaylistParser.Parse("#EXTM3U\n#EXTINF:2.0,\nseg_00000.ts\n#EXTINF:2.0,\n"));
    }

    [Fact]
    public void Window_SlidesOverLastSegments_WithMediaSequence()
    {
        var text = LivePlaylistWriter.Window(Segments(10), 3);

        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
            + "#EXTINF:2.000,\nseg_00007.ts\n#EXTINF:2.000,\nseg_00008.ts\n#EXTINF:2.000,\nseg_00009.ts\n",
            text);
    }

    [Fact]
    public void Window_Ended_KeepsTheLastWindowAndClosesIt()
    {
        var text = LivePlaylistWriter.Window(Segments(10), 3, ended: true);

        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
            + "#EXTINF:2.000,\nseg_00007.ts\n#EXTINF:2.000,\nseg_00008.ts\n#EXTINF:2.000,\nseg_00009.ts\n#EXT-X-ENDLIST\n",
            text);
    }

    [Fact]
    public void Window_AfterResumeBeforeWindow_CountsDiscontinuitySequence()
    {
        var text = LivePlaylistWriter.Window(Segments(10, discontinuityAt: 4), 3);

        Assert.Contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-DISCONTINUITY\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_RoundTripsThroughParser_KeepingDiscontinuity()
    {
        var all = Segments(6, discontinuityAt: 3);

        var parsed = HlsPlaylistParser.Parse(LivePlaylistWriter.Event(all));

        Assert.Equal(all, parsed);
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:EVENT", LivePlaylistWriter.Event(all), StringComparison.Ordinal);
    }

    [Fact]
    public void Vod_HasTypeAndEndList()
    {
        var text = LivePlaylistWriter.Vod(Segments(2));

        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD\n", text, StringComparison.Ordinal);
        Assert.EndsWith("seg_00001.ts\n#EXT-X-ENDLIST\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Master_SessionScopedUris_BandwidthAndResolution()
    {
        var text = LivePlaylistWriter.Master([new("source", 1280, 720, true, 2500), new("480p", 854, 480, false, 1200)], true, 128, r => $"S1/{r.Name}/live.m3u8");

        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=2890800,RESOLUTION=1280x720\nS1/source/live.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=1460800,RESOLUTION=854x480\nS1/480p/live.m3u8\n",
            text);
    }
}
