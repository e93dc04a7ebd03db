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

    /// <summary>Media messages buffered between the socket and FFmpeg; when full, the publisher is dropped.</summary>
    public int MediaQueueCapacity { get; set; } = 2048;

    /// <summary>x264 preset of the re-encoded rungs.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>Media playlist window (segments) of the live playlists.</summary>
    public int WindowSegments { get; set; } = 6;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long FFmpeg may take to finish its last segment after the input ended.</summary>
    public TimeSpan FinishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Parent of the per-session work folders; empty = the system temp folder.</summary>
    public string? WorkRoot { get; set; }
}
