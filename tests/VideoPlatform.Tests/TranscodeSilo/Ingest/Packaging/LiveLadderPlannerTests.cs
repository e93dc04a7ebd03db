using VideoPlatform.TranscodeSilo.Ingest.Packaging;
using VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Packaging;

[Trait("Category", "Unit")]
public sealed class LiveLadderPlannerTests
{
    private static LiveSource Source(int width, int height, byte videoTag = 0x17, int kbps = 2500)
    {
        var source = new LiveSource();
        source.Observe(LiveSourceTests.Metadata(
            new("width", new AmfNumber(width)), new("height", new AmfNumber(height)),
            new("videodatarate", new AmfNumber(kbps)), new("audiocodecid", new AmfNumber(10))));
        source.Observe(RtmpTestMessages.Media(RtmpMessageType.Video, 0, videoTag, 0x00));
        return source;
    }

    [Fact]
    public void Plan_720pH264_SourcePassedThroughPlusTwoLowerRungs()
    {
        var ladder = LiveLadderPlanner.Plan(Source(1280, 720), 2);

        Assert.Equal(
        [
            new LiveRung("source", 1280, 720, Copy: true, 2500),
            new LiveRung("480p", 854, 480, Copy: false, 1200),
            new LiveRung("240p", 426, 240, Copy: false, 400),
        ], ladder.Rungs);
        Assert.True(ladder.HasAudio);
        Assert.True(ladder.CopyAudio);
        Assert.Equal(2, ladder.SegmentSeconds);
    }

    [Fact]
    public void Plan_Portrait1080x1920_LowerRungsKeepOrientation()
    {
        var ladder = LiveLadderPlanner.Plan(Source(1080, 1920), 2);

        Assert.Equal((480, 854), (ladder.Rungs[1].Width, ladder.Rungs[1].Height));
    }

    [Fact]
    public void Plan_BelowThreshold_SourceOnly()
    {
        var ladder = LiveLadderPlanner.Plan(Source(640, 360), 1);

        Assert.Single(ladder.Rungs);
        Assert.True(ladder.Rungs[0].Copy);
    }

    [Fact]
    public void Plan_NotH264_SourceRungReencoded()
    {
        var ladder = LiveLadderPlanner.Plan(Source(640, 360, videoTag: 0x12), 2);

        Assert.False(ladder.Rungs[0].Copy);
    }
}
