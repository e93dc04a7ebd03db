using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class ThumbnailArgumentsTests
{
    [Fact]
    public void PosterFilter_1080pSource_FrameAtTenPercentCappedTo1280Wide()
    {
        Assert.Equal(
            @"setpts=PTS-STARTPTS,select=eq(n\,0)+gte(t\,12.5),scale=1280:720,setsar=1",
            ThumbnailArguments.PosterFilter(Sources.Video(1920, 1080, seconds: 125)));
    }

    [Fact]
    public void PosterFilter_SmallOddPortrait_KeepsOwnWidthEvened()
    {
        Assert.Equal(
            @"setpts=PTS-STARTPTS,select=eq(n\,0)+gte(t\,0.3),scale=360:638,setsar=1",
            ThumbnailArguments.PosterFilter(Sources.Video(361, 640, seconds: 3)));
    }

    [Fact]
    public void StoryboardFilterAndSprite_TenSecondClip_TwoTilesSideBySide()
    {
        var plan = StoryboardPlan.For(Sources.Video(1280, 720, seconds: 10), TimeSpan.FromSeconds(5));

        Assert.Equal(@"setpts=PTS-STARTPTS,select=gte(t\,selected_n*5),scale=160:90,setsar=1", ThumbnailArguments.StoryboardFilter(plan));
        string[] sprite =
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-protocol_whitelist", "file", "-f", "nut", "-i", "storyboard-tiles.nut",
            "-vf", "tile=2x1", "-frames:v", "1", "-q:v", "5", "-update", "1", "storyboard.jpg",
        ];
        Assert.Equal(sprite, ThumbnailArguments.Sprite(plan));
    }

    [Fact]
    public void StoryboardFilter_TwoHourVideo_IntervalWidensAndGridWraps()
    {
        var plan = StoryboardPlan.For(Sources.Video(1920, 1080, seconds: 7200), TimeSpan.FromSeconds(5));

        Assert.Equal(@"setpts=PTS-STARTPTS,select=gte(t\,selected_n*36),scale=160:90,setsar=1", ThumbnailArguments.StoryboardFilter(plan));
        Assert.Contains("tile=10x20", ThumbnailArguments.Sprite(plan));
    }

    [Fact]
    public void Outputs_PosterOverwrittenOnceAndRawTilesIntoTheWorkingFolder()
    {
        string[] expected =
        [
            "-map", "[poster]", "-fps_mode", "passthrough", "-frames:v", "2", "-q:v", "3", "-update", "1", "poster.jpg",
            "-map", "[storyboard]", "-fps_mode", "passthrough", "-c:v", "rawvideo", "-f", "nut", "storyboard-tiles.nut",
        ];

        Assert.Equal(expected, ThumbnailArguments.Outputs());
    }
}
