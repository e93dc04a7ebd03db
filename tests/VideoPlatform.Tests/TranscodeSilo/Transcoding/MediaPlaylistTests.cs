using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class MediaPlaylistTests
{
    private const string Text =
        "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MAP:URI=\"init_1.mp4\"\n"
        + "#EXTINF:4.000000,\nseg_00000.m4s\n#EXTINF:1.500000,\nseg_00001.m4s\n#EXT-X-ENDLIST\n";

    [Fact]
    public void Parse_FfmpegVodPlaylist_MapAndSegments()
    {
        var playlist = MediaPlaylist.Parse(Text);

        Assert.Equal("init_1.mp4", playlist.MapUri);
        Assert.Equal([("seg_00000.m4s", 4.0), ("seg_00001.m4s", 1.5)], playlist.Segments);
    }

    [Fact]
    public void WithMapUri_RewritesOnlyTheMapLine()
    {
        var rewritten = MediaPlaylist.WithMapUri(Text, "init.mp4");

        Assert.Equal(Text.Replace("init_1.mp4", "init.mp4", StringComparison.Ordinal), rewritten);
    }

    private const string Growing =
        "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n"
        + "#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init_2.mp4\"\n#EXTINF:4.000000,\nseg_00000.m4s\n";

    [Fact]
    public void Growing_EventPlaylist_StartsAtBeginningWithPlainInitName()
    {
        var published = MediaPlaylist.Growing(Growing, "init.mp4");

        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n"
            + "#EXT-X-START:TIME-OFFSET=0\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.000000,\nseg_00000.m4s\n",
            published);
        Assert.Equal(MediaPlaylist.Parse(Growing).Segments, MediaPlaylist.Parse(published).Segments);
    }

    [Fact]
    public void Finished_EndedEventPlaylist_BecomesVodWithNoStartTag()
    {
        var ended = Growing + "#EXTINF:1.500000,\nseg_00001.m4s\n#EXT-X-ENDLIST\n";

        var finished = MediaPlaylist.Finished(ended, "init.mp4");

        Assert.Equal(
            ended.Replace("PLAYLIST-TYPE:EVENT", "PLAYLIST-TYPE:VOD", StringComparison.Ordinal).Replace("init_2.mp4", "init.mp4", StringComparison.Ordinal),
            finished);
        Assert.DoesNotContain("EXT-X-START", finished, StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_PlaylistAlreadyVod_OnlyMapChanges()
    {
        Assert.Equal(MediaPlaylist.WithMapUri(Text, "init.mp4"), MediaPlaylist.Finished(Text, "init.mp4"));
    }
}
