using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

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
}
