using VideoPlatform.Grains.Analytics;

namespace VideoPlatform.Tests.Grains.Analytics;

[Trait("Category", "Unit")]
public sealed class TrendingScoresTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ranked_RecentViewsOutweighOlderOnes_InTheDayWindow()
    {
        var day = new TrendingScores { TimeConstant = TimeSpan.FromHours(24) };
        day.Add("old", 100, Now.AddDays(-3));
        day.Add("new", 10, Now.AddHours(-1));

        Assert.Equal(["new", "old"], day.Ranked(Now));
    }

    [Fact]
    public void Ranked_TheWeekWindowRemembersLonger()
    {
        var week = new TrendingScores { TimeConstant = TimeSpan.FromDays(7) };
        week.Add("old", 100, Now.AddDays(-3));
        week.Add("new", 10, Now.AddHours(-1));

        Assert.Equal(["old", "new"], week.Ranked(Now));
    }

    [Fact]
    public void Add_AccumulatesDecayedViews()
    {
        var day = new TrendingScores { TimeConstant = TimeSpan.FromHours(24) };
        day.Add("v", 10, Now.AddHours(-24));
        day.Add("v", 10, Now);

        Assert.Equal(10 + (10 / Math.E), day.Scores["v"].ValueAt(Now, day.TimeConstant), 6);
    }
}
