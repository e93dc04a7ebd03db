using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class TranscodeOptionsTests
{
    [Theory]
    [InlineData(120, 10, 0, 120)]
    [InlineData(120, 10, 30, 420)]
    [InlineData(120, 10, 3600, 36_120)]
    [InlineData(3, 2.5, 4, 13)]
    public void Timeout_IsTheFloorPlusTheFactorTimesTheDuration(double floorSeconds, double factor, double durationSeconds, double expectedSeconds)
    {
        var options = new TranscodeOptions { TimeoutFloor = TimeSpan.FromSeconds(floorSeconds), TimeoutFactor = factor };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.Timeout(TimeSpan.FromSeconds(durationSeconds)));
    }

    [Fact]
    public void Timeout_Defaults_TenTimesRealtimeAfterTwoMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(2) + TimeSpan.FromMinutes(60), TranscodeOptions.Default.Timeout(TimeSpan.FromMinutes(6)));
    }
}
