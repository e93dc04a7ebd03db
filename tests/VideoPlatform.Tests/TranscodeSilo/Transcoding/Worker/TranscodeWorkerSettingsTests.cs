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

    [Fact]
    public void Problems_Defaults_None() => Assert.Empty(new TranscodeWorkerSettings().Problems());

    [Theory]
    [InlineData(0, 4320, 10.0, 120)]
    [InlineData(4320, 8192, 10.0, 120)]
    [InlineData(8192, 4320, 0.5, 120)]
    [InlineData(8192, 4320, 10.0, 1)]
    public void Problems_LimitThatCannotWork_NamesIt(int width, int height, double factor, int floorSeconds)
    {
        var settings = new TranscodeWorkerSettings
        {
            MaxWidth = width,
            MaxHeight = height,
            TimeoutFactor = factor,
            TimeoutFloor = TimeSpan.FromSeconds(floorSeconds),
        };

        Assert.Contains(settings.Problems(), p => p.StartsWith(TranscodeWorkerSettings.Section, StringComparison.Ordinal));
    }
}

