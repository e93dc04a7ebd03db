using Microsoft.Extensions.Configuration;
using VideoPlatform.Grains.Channels;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>Short live timeouts for the test cluster: an ingest on a free loopback port, a 3 s lease and reconnect grace.</summary>
public static class LiveTestSettings
{
    /// <summary>The test ingest's cap on media waiting for FFmpeg (a 2.5 Mbit/s stream needs far less).</summary>
    public const long MaxQueuedMediaBytes = 16L * 1024 * 1024;

    public static IConfiguration Ingest { get; } = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VideoPlatform:Live:RtmpPort"] = "0",
            ["VideoPlatform:Live:BindAddress"] = "127.0.0.1",
            ["VideoPlatform:Live:HandshakeTimeout"] = "00:00:02",
            ["VideoPlatform:Live:ConnectTimeout"] = "00:00:02",
            ["VideoPlatform:Live:PublishTimeout"] = "00:00:03",
            ["VideoPlatform:Live:FirstMediaTimeout"] = "00:00:05",
            ["VideoPlatform:Live:IdleTimeout"] = "00:00:03",
            ["VideoPlatform:Live:Preset"] = "ultrafast",
            ["VideoPlatform:Live:FinishTimeout"] = "00:00:10",
            ["VideoPlatform:Live:MaxQueuedMediaBytes"] = MaxQueuedMediaBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        .Build();

    public static void Channel(ChannelLiveSettings o)
    {
        o.Lease = TimeSpan.FromSeconds(3);
        o.ReconnectGrace = TimeSpan.FromSeconds(3);
        o.RecordingRetry = TimeSpan.FromSeconds(20);
        o.EndedLinger = TimeSpan.FromSeconds(5);
    }
}
