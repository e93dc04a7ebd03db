using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class LadderPlannerTests
{
    private static string[] Sizes(LadderPlan plan) => plan.Rungs.Select(r => $"{r.Name}={r.Width}x{r.Height}").ToArray();

    [Fact]
    public void Plan_1080pLandscape_AllFiveRungsWithEvenWidths()
    {
        var plan = LadderPlanner.Plan(Sources.Video(1920, 1080));

        Assert.Equal(["1080p=1920x1080", "720p=1280x720", "480p=854x480", "360p=640x360", "240p=426x240"], Sizes(plan));
        Assert.Equal([5000, 2800, 1400, 800, 400], plan.Rungs.Select(r => r.VideoBitrateKbps));
        Assert.Equal(["high", "high", "main", "main", "main"], plan.Rungs.Select(r => r.Profile));
        Assert.Equal([128, 128, 128, 96, 96], plan.Rungs.Select(r => r.AudioBitrateKbps));
        Assert.Equal((new FrameRate(30, 1), 60, true), (plan.FrameRate, plan.GopFrames, plan.HasAudio));
    }

    [Fact]
    public void Plan_4kSource_TopsOutAt1080p()
    {
        var plan = LadderPlanner.Plan(Sources.Video(3840, 2160));

        Assert.Equal("1080p=1920x1080", Sizes(plan)[0]);
        Assert.Equal(5, plan.Rungs.Count);
    }

    [Fact]
    public void Plan_Portrait_UsesShortSideForRungs()
    {
        var plan = LadderPlanner.Plan(Sources.Video(1080, 1920));

        Assert.Equal(["1080p=1080x1920", "720p=720x1280", "480p=480x854", "360p=360x640", "240p=240x426"], Sizes(plan));
    }

    [Fact]
    public void Plan_SlightlyUnder720_KeepsOwnSizeForTopRungAndEvensTheRest()
    {
        var plan = LadderPlanner.Plan(Sources.Video(1278, 718));

        Assert.Equal(["720p=1278x718", "480p=854x480", "360p=640x360", "240p=428x240"], Sizes(plan));
        Assert.Equal("high", plan.Rungs[0].Profile);
    }

    [Fact]
    public void Plan_OddSizes_NeverUpscalesAndStaysEven()
    {
        var plan = LadderPlanner.Plan(Sources.Video(853, 481));

        Assert.Equal(["480p=852x480", "360p=638x360", "240p=426x240"], Sizes(plan));
        Assert.All(plan.Rungs, r => Assert.True(r.Width % 2 == 0 && r.Height % 2 == 0));
    }

    [Fact]
    public void Plan_TinySource_OneRungAtItsOwnSize()
    {
        var plan = LadderPlanner.Plan(Sources.Video(321, 179));

        Assert.Equal(["178p=320x178"], Sizes(plan));
        Assert.Equal(400, plan.Rungs[0].VideoBitrateKbps);
    }

    [Fact]
    public void Plan_60fps_ScalesBitratesAndDoublesGop()
    {
        var plan = LadderPlanner.Plan(Sources.Video(1920, 1080, fps: 60));

        Assert.Equal([7500, 4200, 2100, 1200, 600], plan.Rungs.Select(r => r.VideoBitrateKbps));
        Assert.Equal((new FrameRate(60, 1), 120), (plan.FrameRate, plan.GopFrames));
    }

    [Fact]
    public void Plan_120fps_CapsAt60()
    {
        var plan = LadderPlanner.Plan(Sources.Video(1280, 720, fps: 120));

        Assert.Equal(new FrameRate(60, 1), plan.FrameRate);
    }

    [Theory]
    [InlineData(29.87, 30000, 1001)]
    [InlineData(24.3, 24, 1)]
    [InlineData(12.4, 12, 1)]
    [InlineData(59.2, 60000, 1001)]
    public void Plan_VariableFrameRate_BecomesConstantStandardRate(double average, int num, int den)
    {
        var plan = LadderPlanner.Plan(Sources.Video(1280, 720, fps: average, variable: true));

        Assert.Equal(new FrameRate(num, den), plan.FrameRate);
    }

    [Fact]
    public void Plan_NoAudio_PlanHasNoAudio()
    {
        Assert.False(LadderPlanner.Plan(Sources.Video(640, 360, audio: false)).HasAudio);
    }
}
