using Microsoft.Extensions.Configuration;
using VideoPlatform.Api.Live;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.TranscodeSilo.Ingest.Server;

namespace VideoPlatform.Tests.Hosting.Configuration;

/// <summary>Every live limit is a setting that refuses a nonsensical value, naming its key.</summary>
[Trait("Category", "Unit")]
public sealed class LiveLimitSettingsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(new LiveIngestSettings().Problems());
        Assert.Empty(new LiveSettings().Problems());
        Assert.Empty(LiveConfiguration.Validate(new ConfigurationBuilder().Build()));
    }

    [Fact]
    public void IngestLimits_OutOfRange_NameTheirKeys()
    {
        var settings = new LiveIngestSettings { MaxQueuedMediaBytes = 0, MaxBytesBeforePublish = 64 * 1024 * 1024, MaxAssemblyBytes = 1024 };

        Assert.Equal(
            [
                "VideoPlatform:Live:MaxQueuedMediaBytes = 0 is not valid; allowed: 1048576..1073741824",
                "VideoPlatform:Live:MaxBytesBeforePublish = 67108864 is not valid; allowed: 4096..16777216",
                "VideoPlatform:Live:MaxAssemblyBytes = 1024 is not valid; allowed: 8388608..268435456",
            ],
            settings.Problems());
    }

    [Fact]
    public void SessionAndCreationLimits_OutOfRange_NameTheirKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["VideoPlatform:Live:Channel:MaxLiveSessionsPerUser"] = "0" })
            .Build();

        Assert.Equal(["VideoPlatform:Live:Channel:MaxLiveSessionsPerUser = 0 is not valid; allowed: 1..1000"], PlatformConfiguration.Validate(configuration));
        Assert.Equal(["VideoPlatform:Live:ChannelsPerHour = 0 is not valid; allowed: 1..100000"], new LiveSettings { ChannelsPerHour = 0 }.Problems());
    }
}
