namespace VideoPlatform.Grains.Channels;

[GenerateSerializer, Immutable, Alias("VideoPlatform.ChannelSettings")]
public sealed record ChannelSettings
{
    [Id(0)] public bool Record { get; init; } = true;
    [Id(1)] public LatencyMode LatencyMode { get; init; }
}

/// <summary>What the ingest learned about the stream (from onMetaData and the media itself).</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.LiveMediaInfo")]
public sealed record LiveMediaInfo
{
    [Id(0)] public string VideoCodec { get; init; } = "";
    [Id(1)] public string? AudioCodec { get; init; }
    [Id(2)] public int Width { get; init; }
    [Id(3)] public int Height { get; init; }
    [Id(4)] public double FrameRate { get; init; }
    /// <summary>Measured inbound bits per second (audio + video).</summary>
    [Id(5)] public long Bitrate { get; init; }
}

/// <summary>The Live(session) part of the state: who publishes, where, since when, and the lease.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.LiveSession")]
public sealed record LiveSession
{
    [Id(0)] public required string SessionId { get; init; }
    [Id(1)] public required string IngestNode { get; init; }
    /// <summary>The RTMP connection currently attached; changes when the streamer reconnects.</summary>
    [Id(2)] public required string ConnectionId { get; init; }
    [Id(3)] public required DateTimeOffset StartedAt { get; init; }
    [Id(4)] public required DateTimeOffset LeaseUntil { get; init; }
    /// <summary>Set while the publisher's connection is gone and the session waits for it to come back.</summary>
    [Id(5)] public DateTimeOffset? InterruptedAt { get; init; }
    [Id(6)] public LiveMediaInfo? Media { get; init; }
    /// <summary>Whether this session is recorded (the setting as it was when the session started).</summary>
    [Id(7)] public bool Record { get; init; }
    [Id(8)] public string? PublisherAddress { get; init; }
    [Id(9)] public int Connections { get; init; } = 1;
}

/// <summary>A snapshot of a channel, without its key.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.ChannelDetails")]
public sealed record ChannelDetails
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? OwnerId { get; init; }
    [Id(3)] public required ChannelStatus Status { get; init; }
    [Id(4)] public required ChannelSettings Settings { get; init; }
    [Id(5)] public LiveSession? Live { get; init; }
    [Id(6)] public IReadOnlyList<string> Recordings { get; init; } = [];
    [Id(7)] public int Viewers { get; init; }
    [Id(8)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(10)] public int Version { get; init; }
    /// <summary>Disabled by an admin: a moderation decision only an admin lifts.</summary>
    [Id(11)] public bool Moderated { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.CreateChannel")]
public sealed record CreateChannel
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string? OwnerId { get; init; }
    [Id(2)] public ChannelSettings Settings { get; init; } = new();
}

/// <summary>A partial update: null members are left alone.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.ChannelPatch")]
public sealed record ChannelPatch
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public bool? Record { get; init; }
    [Id(2)] public LatencyMode? LatencyMode { get; init; }
    [Id(3)] public bool? Disabled { get; init; }
    /// <summary>An admin's patch: its disable is a moderation flag, and only it lifts one.</summary>
    [Id(4)] public bool ByAdmin { get; init; }
}

/// <summary>The answer to create and rotate: the only two places the clear stream key ever appears.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.ChannelWithKey")]
public sealed record ChannelWithKey([property: Id(0)] ChannelDetails Channel, [property: Id(1)] string StreamKey);
