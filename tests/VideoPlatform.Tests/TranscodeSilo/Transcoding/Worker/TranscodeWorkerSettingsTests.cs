using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding.Worker;

[Trait("Category", "Unit")]
public sealed class TranscodeWorkerSettingsTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(-5000, 100)]
    [InlineData(20_000, 20_000)]
    [InlineData(60_000, 25_000)]
    public void EffectiveIdleWait_NeitherSpinsNorMeetsTheResponseTimeout(int configuredMs, int expectedMs)
    {
        var settings = new TranscodeWorkerSettings { IdleWait = TimeSpan.FromMilliseconds(configuredMs) };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.EffectiveIdleWait);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(-1, 100)]
    [InlineData(5000, 5000)]
    public void EffectiveErrorBackoff_NeverSpins(int configuredMs, int expectedMs)
    {
        var settings = new TranscodeWorkerSettings { ErrorBackoff = TimeSpan.FromMilliseconds(configuredMs) };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.EffectiveErrorBackoff);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1000, 1000)]
    [InlineData(60_000, 10_000)]
    public void EffectiveProgressInterval_NeitherFloodsNorFallsSilent(int configuredMs, int expectedMs)
    {
        var settings = new TranscodeWorkerSettings { ProgressInterval = TimeSpan.FromMilliseconds(configuredMs) };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.EffectiveProgressInterval);
    }
}
