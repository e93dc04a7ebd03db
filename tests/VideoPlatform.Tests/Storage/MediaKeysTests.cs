using VideoPlatform.Storage;

namespace VideoPlatform.Tests.Storage;

/// <summary>The storage layout, key by key, and the playback paths that map onto it.</summary>
[Trait("Category", "Unit")]
public sealed class MediaKeysTests
{
    [Fact]
    public void Keys_FollowTheLayout()
    {
        var grant = Guid.Parse("0123456789abcdef0123456789abcdef");

        Assert.Equal("uploads/u1/", MediaKeys.UploadPrefix("u1"));
        Assert.Equal("uploads/u1/data", MediaKeys.UploadData("u1"));
        Assert.Equal("uploads/u1/tail-0123456789abcdef0123456789abcdef", MediaKeys.UploadTail("u1", grant));
        Assert.Equal("raw/v1/", MediaKeys.SourcePrefix("v1"));
        Assert.Equal("raw/v1/source", MediaKeys.Source("v1"));
        Assert.Equal("vod/v1/", MediaKeys.VideoPrefix("v1"));
        Assert.Equal("vod/v1/hls/master.m3u8", MediaKeys.Video("v1", MediaKeys.MasterPlaylist));
        Assert.Equal("vod/v1/hls/720p/seg_00001.m4s", MediaKeys.Video("v1", "720p/seg_00001.m4s"));
        Assert.Equal("vod/v1/thumbs/poster.jpg", MediaKeys.Video("v1", MediaKeys.PosterPath));
        Assert.Equal("vod/v1/thumbs/storyboard.vtt", MediaKeys.Video("v1", MediaKeys.StoryboardCuesPath));
        Assert.Equal("live/c1/s1/", MediaKeys.LiveSessionPrefix("c1", "s1"));
        Assert.Equal("live/c1/s1/master.m3u8", MediaKeys.LiveMaster("c1", "s1"));
        Assert.Equal("live/c1/s1/src/seg_3.ts", MediaKeys.LiveRung("c1", "s1", "src", "seg_3.ts"));
        Assert.Equal("s1/src/live.m3u8", MediaKeys.LiveRungPath("s1", "src", "live.m3u8"));
    }

    [Theory]
    [InlineData("master.m3u8")]
    [InlineData("360p/index.m3u8")]
    [InlineData("360p/seg_00000.m4s")]
    [InlineData("thumbs/poster.jpg")]
    [InlineData("thumbs/storyboard.vtt")]
    public void PlayPath_RoundTripsThroughItsKey(string path)
    {
        var key = MediaKeys.FromPlayPath("v1", path);

        Assert.NotNull(key);
        Assert.StartsWith(MediaKeys.VideoPrefix("v1"), key, StringComparison.Ordinal);
        Assert.Equal(path, MediaKeys.PlayPath("v1", key));
    }

    [Fact]
    public void PlayPath_OfAnotherVideosKey_Throws() =>
        Assert.Throws<ArgumentException>(() => MediaKeys.PlayPath("v1", MediaKeys.Video("v2", MediaKeys.MasterPlaylist)));

    [Theory]
    [InlineData("../../raw/v1/source")]
    [InlineData("thumbs/../../../raw/v1/source")]
    [InlineData("360p/../../thumbs/poster.jpg")]
    [InlineData("./master.m3u8")]
    [InlineData("360p//seg.m4s")]
    [InlineData("360p\\seg.m4s")]
    public void FromPlayPath_Traversal_IsRefused(string path) => Assert.Null(MediaKeys.FromPlayPath("v1", path));

    [Fact]
    public void LivePath_RoundTripsThroughItsKey()
    {
        var path = MediaKeys.LiveRungPath("s1", "720p", "live.m3u8");

        Assert.Equal(MediaKeys.LiveRung("c1", "s1", "720p", "live.m3u8"), MediaKeys.FromLivePath("c1", path));
    }

    [Theory]
    [InlineData("master.m3u8")]
    [InlineData("s1/src/../../x.ts")]
    [InlineData("../s1/src/seg.ts")]
    [InlineData("s1/../src/seg.ts")]
    [InlineData("s1/src/.hidden.ts")]
    [InlineData("s1/src/seg.mp4")]
    [InlineData("s1/src/extra/seg.ts")]
    [InlineData("s1/src/seg ment.ts")]
    public void FromLivePath_AnythingButARungFile_IsRefused(string path) => Assert.Null(MediaKeys.FromLivePath("c1", path));

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    public void Keys_OfAnIdThatIsNotOneSegment_AreRefused(string id)
    {
        Assert.Throws<InvalidObjectKeyException>(() => MediaKeys.Source(id));
        Assert.Throws<InvalidObjectKeyException>(() => MediaKeys.VideoPrefix(id));
        Assert.Throws<InvalidObjectKeyException>(() => MediaKeys.LiveSessionPrefix("c1", id));
        Assert.Null(MediaKeys.FromPlayPath(id, "master.m3u8"));
    }
}
