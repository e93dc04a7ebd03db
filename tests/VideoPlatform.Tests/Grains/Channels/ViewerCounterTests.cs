using VideoPlatform.Grains.Channels;

namespace VideoPlatform.Tests.Grains.Channels;

[Trait("Category", "Unit")]
public sealed class ViewerCounterTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Estimate_ThreePlayersRefreshingEverySegment_AboutThree()
    {
        var counter = new ViewerCounter(TimeSpan.FromSeconds(12));
        for (var second = 0; second < 30; second += 2)
        {
            for (var player = 0; player < 3; player++)
            {
                counter.Count(Start.AddSeconds(second));
            }
        }

        Assert.Equal(3, counter.Estimate(Start.AddSeconds(29), TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Estimate_NoFetchesInWindow_Zero()
    {
        var counter = new ViewerCounter(TimeSpan.FromSeconds(12));
        counter.Count(Start);
        Assert.Equal(1, counter.Estimate(Start.AddSeconds(1), TimeSpan.FromSeconds(2)));
        Assert.Equal(0, counter.Estimate(Start.AddSeconds(60), TimeSpan.FromSeconds(2)));
    }
}
