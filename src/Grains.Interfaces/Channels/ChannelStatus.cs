namespace VideoPlatform.Grains.Channels;

[GenerateSerializer, Alias("VideoPlatform.ChannelStatus")]
public enum ChannelStatus
{
    Idle,
    Live,
    Disabled,

    /// <summary>Live, but the publisher's connection dropped: the session waits out the reconnect grace.</summary>
    Interrupted,
}

/// <summary>What happened to a channel; <see cref="ChannelStateMachine"/> maps (status, trigger) to the next status.</summary>
[GenerateSerializer, Alias("VideoPlatform.ChannelTrigger")]
public enum ChannelTrigger
{
    /// <summary>A publisher with the right key starts a new session.</summary>
    Publish,

    /// <summary>The publisher's connection dropped without an unpublish: the session waits for a reconnect.</summary>
    Interrupt,

    /// <summary>The same streamer reconnected within the grace window (or took over a session whose lease lapsed).</summary>
    Resume,

    /// <summary>Unpublish, grace window over, or the ingest node's lease expired.</summary>
    End,

    Disable,
    Enable,
}

/// <summary>Normal: 2 s segments. Low: 1 s segments and a shorter window (more requests, less delay).</summary>
[GenerateSerializer, Alias("VideoPlatform.LatencyMode")]
public enum LatencyMode
{
    Normal,
    Low,
}
