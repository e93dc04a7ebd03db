using VideoPlatform.Grains.Analytics;

namespace VideoPlatform.Tests.Grains.Analytics;

[Trait("Category", "Unit")]
public sealed class HyperLogLogTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(5_000)]
    [InlineData(100_000)]
    public void Estimate_DistinctSessions_WithinThreeStandardErrors(int distinct)
    {
        var hll = new HyperLogLog();
        for (var i = 0; i < distinct; i++)
        {
            hll.Add($"session-{i:D8}-{i * 7919}");
        }

        var error = Math.Abs(hll.Estimate() - distinct) / (double)distinct;
        Assert.True(error <= 3 * HyperLogLog.StandardError, $"estimate {hll.Estimate()} for {distinct}: error {error:P2}");
    }

    [Fact]
    public void Add_RepeatedValues_CountOnce()
    {
        var hll = new HyperLogLog();
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                hll.Add($"viewer-{i}");
            }
        }

        Assert.InRange(hll.Estimate(), 1_000 * (1 - (3 * HyperLogLog.StandardError)), 1_000 * (1 + (3 * HyperLogLog.StandardError)));
    }

    [Fact]
    public void Registers_RoundTrip_KeepTheEstimate()
    {
        var hll = new HyperLogLog();
        for (var i = 0; i < 3_000; i++)
        {
            hll.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(hll.Estimate(), new HyperLogLog(hll.Registers.ToArray()).Estimate());
    }
}
