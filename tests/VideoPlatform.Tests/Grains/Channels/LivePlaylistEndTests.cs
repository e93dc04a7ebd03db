using VideoPlatform.Grains.Channels;

namespace VideoPlatform.Tests.Grains.Channels;

[Trait("Category", "Unit")]
public sealed class LivePlaylistEndTests
{
    private const string Window = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2.000,\nseg_00007.m4s\n";

    [Fact]
    public void Close_OpenWindow_AppendsEndListOnItsOwnLine() =>
        Assert.Equal(Window + "#EXT-X-ENDLIST\n", LivePlaylistEnd.Close(Window));

    [Fact]
    public void Close_NoTrailingNewline_StillOneTagPerLine() =>
        Assert.Equal(Window + "#EXT-X-ENDLIST\n", LivePlaylistEnd.Close(Window.TrimEnd('\n')));

    [Fact]
    public void Close_AlreadyClosed_NothingToDo() =>
        Assert.Null(LivePlaylistEnd.Close(Window + "#EXT-X-ENDLIST\n"));

    [Theory]
    [InlineData("")]
    [InlineData("<html>not a playlist</html>")]
    public void Close_NotAPlaylist_LeftAlone(string text) =>
        Assert.Null(LivePlaylistEnd.Close(text));

    [Theory]
    [InlineData("live/ch/s1/720p/live.m3u8", true)]
    [InlineData("live/ch/s1/720p/index.m3u8", false)]
    [InlineData("live/ch/s1/master.m3u8", false)]
    [InlineData("live/ch/s1/720p/notlive.m3u8", false)]
    public void IsWindow_OnlyRungWindows(string key, bool expected) =>
        Assert.Equal(expected, LivePlaylistEnd.IsWindow(key));
}
