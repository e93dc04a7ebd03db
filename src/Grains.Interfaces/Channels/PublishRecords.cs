namespace VideoPlatform.Grains.Channels;

/// <summary>An RTMP publish asking for the channel. <see cref="KeyHash"/> is SHA-256 of the key the client sent.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.PublishRequest")]
public sealed record PublishRequest
{
    [Id(0)] public required byte[] KeyHash { get; init; }
    [Id(1)] public required string IngestNode { get; init; }
    [Id(2)] public required string ConnectionId { get; init; }
    [Id(3)] public string? PublisherAddress { get; init; }
}

[GenerateSerializer, Alias("VideoPlatform.PublishRejection")]
public enum PublishRejection
{
    None,
    InvalidKey,
    Disabled,
    AlreadyLive,

    /// <summary>The owner already has <see cref="ChannelLiveSettings.MaxLiveSessionsPerUser"/> sessions.</summary>
    TooManySessions,
}

/// <summary>The channel's answer to a publish: a session (new or resumed) and its lease, or a rejection.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.PublishGrant")]
public sealed record PublishGrant
{
    [Id(0)] public PublishRejection Rejection { get; init; }
    [Id(1)] public string? SessionId { get; init; }
    [Id(2)] public bool Resumed { get; init; }
    [Id(3)] public TimeSpan Lease { get; init; }
    [Id(4)] public ChannelSettings Settings { get; init; } = new();

    public bool Accepted => Rejection == PublishRejection.None && SessionId is not null;

    public static PublishGrant Reject(PublishRejection why) => new() { Rejection = why };
}

[GenerateSerializer, Alias("VideoPlatform.SessionEnd")]
public enum SessionEnd
{
    /// <summary>FCUnpublish/deleteStream: the streamer meant to stop.</summary>
    Unpublished,

    /// <summary>TCP gone, timeout or protocol error: the streamer may come back within the grace window.</summary>
    Dropped,
}

[GenerateSerializer, Alias("VideoPlatform.SessionLease")]
public enum SessionLease
{
    Ok,

    /// <summary>The session ended or another connection owns it: stop publishing.</summary>
    Lost,
}
