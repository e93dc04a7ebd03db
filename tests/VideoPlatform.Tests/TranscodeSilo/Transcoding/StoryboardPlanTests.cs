using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class StoryboardPlanTests
{
    [Fact]
    public void For_Landscape_TenColumnsOf160x90()
    {
        var plan = StoryboardPlan.For(Sources.Video(1920, 1080, seconds: 62), TimeSpan.FromSeconds(5));

        Assert.Equal((5, 160, 90, 10, 2, 13), (plan.IntervalSeconds, plan.TileWidth, plan.TileHeight, plan.Columns, plan.Rows, plan.Count));
    }

    [Fact]
    public void For_Portrait_TileIsUpright()
    {
        var plan = StoryboardPlan.For(Sources.Video(1080, 1920, seconds: 4), TimeSpan.FromSeconds(5));

        Assert.Equal((90, 160, 1, 1, 1), (plan.TileWidth, plan.TileHeight, plan.Columns, plan.Rows, plan.Count));
    }

    [Fact]
    public void For_SixHours_WidensIntervalToBoundTheSprite()
    {
        var plan = StoryboardPlan.For(Sources.Video(1280, 720, seconds: 6 * 3600), TimeSpan.FromSeconds(5));

        Assert.Equal((108, 200, 20), (plan.IntervalSeconds, plan.Count, plan.Rows));
    }
}
