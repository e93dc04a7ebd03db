using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>Bound from <c>VideoPlatform:Live</c>. Defaults follow docs/reference/rtmp.md §8.</summary>
public sealed class LiveIngestSettings
{
    public const string Section = "VideoPlatform:Live";

    /// <summary>0 = any free port (tests read it back from <see cref="RtmpIngestListener.LocalEndpoint"/>).</summary>
    public int RtmpPort { get; set; } = 1935;

    public string BindAddress { get; set; } = "0.0.0.0";

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan FirstMediaTimeout { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxConnections { get; set; } = 500;
    public int MaxConnectionsPerAddress { get; set; } = 10;

    /// <summary>Wrong keys one address may try per <see cref="FailedKeyWindow"/> before it is refused outright.</summary>
    public int FailedKeyLimit { get; set; } = 10;
    public TimeSpan FailedKeyWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Media bytes one publisher may have waiting for FFmpeg (received, not yet written); past it the publisher is dropped.</summary>
    public long MaxQueuedMediaBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Bytes a connection may send before its publish is accepted.</summary>
    public int MaxBytesBeforePublish { get; set; } = 1024 * 1024;

    /// <summary>Declared bytes of the messages one connection may have half-received at once (over all chunk streams).</summary>
    public int MaxAssemblyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>x264 preset of the re-encoded rungs.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>Media playlist window (segments) of the live playlists.</summary>
    public int WindowSegments { get; set; } = 6;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long FFmpeg may take to finish its last segment after the input ended.</summary>
    public TimeSpan FinishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Parent of the per-session work folders; empty = the system temp folder.</summary>
    public string? WorkRoot { get; set; }

    /// <summary>The protocol limits of each connection.</summary>
    public RtmpProtocolOptions Protocol() =>
        RtmpProtocolOptions.Default with { MaxBytesBeforePublish = MaxBytesBeforePublish, MaxAssemblyBytes = MaxAssemblyBytes };

    /// <summary>Every out-of-range limit, one line each, naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        static string Key(string name) => $"{Section}:{name}";
        const long MiB = 1024 * 1024;
        foreach (var (name, value, min, max) in new[]
                 {
                     (nameof(MaxQueuedMediaBytes), MaxQueuedMediaBytes, MiB, 1024 * MiB),
                     (nameof(MaxBytesBeforePublish), (long)MaxBytesBeforePublish, 4 * 1024, 16 * MiB),
                     (nameof(MaxAssemblyBytes), (long)MaxAssemblyBytes, (long)RtmpProtocolOptions.Default.MaxMediaMessageSize, 256 * MiB),
                     (nameof(MaxConnections), (long)MaxConnections, 1, 100_000),
                     (nameof(MaxConnectionsPerAddress), (long)MaxConnectionsPerAddress, 1, 100_000),
                     (nameof(FailedKeyLimit), (long)FailedKeyLimit, 1, 100_000),
                 })
        {
            if (value < min || value > max)
            {
                yield return $"{Key(name)} = {value} is not valid; allowed: {min}..{max}";
            }
        }
    }
}
