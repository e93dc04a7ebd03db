namespace VideoPlatform.Grains.Channels;

/// <summary>Publishing (lease held) ⇄ Interrupted (waiting out the reconnect grace) → Ended.</summary>
[GenerateSerializer, Alias("VideoPlatform.LiveSessionStatus")]
public enum LiveSessionStatus
{
    Publishing,
    Interrupted,
    Ended,
}

[GenerateSerializer, Alias("VideoPlatform.LiveSessionTrigger")]
public enum LiveSessionTrigger
{
    /// <summary>The publisher's connection dropped without an unpublish.</summary>
    Interrupt,

    /// <summary>The same streamer reconnected within the grace window (or took over a session whose lease lapsed).</summary>
    Resume,

    /// <summary>Unpublish, grace window over, lease expired, or the channel was disabled.</summary>
    End,
}

[GenerateSerializer, Alias("VideoPlatform.SessionResume")]
public enum SessionResume
{
    Resumed,

    /// <summary>Another connection holds a healthy lease.</summary>
    AlreadyLive,

    /// <summary>The session is over: the channel starts a new one.</summary>
    Ended,
}

/// <summary>What the channel hands a new session: where it belongs, and the channel as it was when it started.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.LiveSessionStart")]
public sealed record LiveSessionStart
{
    [Id(0)] public required string ChannelId { get; init; }
    [Id(1)] public string? OwnerId { get; init; }
    /// <summary>The recording's title is made from it.</summary>
    [Id(2)] public required string ChannelName { get; init; }
    /// <summary>The latency mode fixes the segment duration (viewer estimate) for the whole session.</summary>
    [Id(3)] public required ChannelSettings Settings { get; init; }
    [Id(4)] public required LiveSession Session { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.LiveSessionView")]
public sealed record LiveSessionView(
    [property: Id(0)] LiveSessionStatus Status,
    [property: Id(1)] LiveSession Session,
    [property: Id(2)] int Viewers);

/// <summary>What a channel written by the previous version held about one of its sessions.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.LiveSessionHandover")]
public sealed record LiveSessionHandover
{
    /// <summary>The session in progress (Interrupted when <see cref="LiveSession.InterruptedAt"/> is set).</summary>
    [Id(0)] public LiveSessionStart? Running { get; init; }
    [Id(1)] public RecordingJob? PendingRecording { get; init; }
    [Id(2)] public DateTimeOffset RecordingRequestedAt { get; init; }
    [Id(3)] public DateTimeOffset? DeleteLiveObjectsAt { get; init; }
    [Id(4)] public required string ChannelId { get; init; }
}
