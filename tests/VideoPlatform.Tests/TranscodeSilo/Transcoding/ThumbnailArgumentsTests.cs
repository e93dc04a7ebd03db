using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

public sealed class ThumbnailArgumentsTests
{
    [Fact]
    public void Poster_1080pSource_FrameAtTenPercentCappedTo1280Wide()
    {
        string[] expected =
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-ss", "12.5", "-f", "mov", "-i", "/media/in/source.mp4",
            "-map", "0:v:0", "-frames:v", "1", "-vf", "scale=1280:720,setsar=1", "-q:v", "3", "-update", "1", "thumbs/poster.jpg",
        ];

        Assert.Equal(expected, ThumbnailArguments.Poster(Sources.Input, Sources.Video(1920, 1080, seconds: 125), "thumbs/poster.jpg"));
    }

    [Fact]
    public void Poster_SmallPortrait_KeepsOwnWidth()
    {
        var args = ThumbnailArguments.Poster(Sources.Input, Sources.Video(361, 640, seconds: 3), "p.jpg");

        Assert.Contains("scale=360:638,setsar=1", args);
        Assert.Equal("0.3", args[6]);
    }

    [Fact]
    public void Storyboard_TenSecondClip_TwoTilesFromRendition()
    {
        var plan = StoryboardPlan.For(Sources.Video(1280, 720, seconds: 10), TimeSpan.FromSeconds(5));
        string[] expected =
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-i", "240p/index.m3u8", "-map", "0:v:0",
            "-vf", "fps=1/5,scale=160:90,setsar=1,tile=2x1", "-frames:v", "1", "-q:v", "5", "-update", "1", "thumbs/storyboard.jpg",
        ];

        Assert.Equal(expected, ThumbnailArguments.Storyboard("240p/index.m3u8", plan, "thumbs/storyboard.jpg"));
    }
}
