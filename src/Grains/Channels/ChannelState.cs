namespace VideoPlatform.Grains.Channels;

[GenerateSerializer, Alias("VideoPlatform.ChannelState")]
public sealed class ChannelState
{
    /// <summary>The channel; its <see cref="ChannelDetails.Live"/> is the session as it started or resumed.</summary>
    [Id(0)] public ChannelDetails? Channel { get; set; }

    /// <summary>SHA-256 of the stream key; the key itself is never stored.</summary>
    [Id(1)] public byte[]? KeyHash { get; set; }

    /// <summary>Written by the previous version only: handed over to the session grains on activation.</summary>
    [Id(2)] public List<PendingRecording> Pending { get; set; } = [];

    /// <summary>Written by the previous version only: handed over to the session grains on activation.</summary>
    [Id(3)] public List<EndedLiveObjects> Ended { get; set; } = [];

    /// <summary>False for state written before sessions had their own grains.</summary>
    [Id(4)] public bool SessionsInOwnGrains { get; set; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.EndedLiveObjects")]
public sealed record EndedLiveObjects(
    [property: Id(0)] string SessionId,
    [property: Id(1)] DateTimeOffset DeleteAt);

/// <summary>A finished session whose recording the media pool has not confirmed yet.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.PendingRecording")]
public sealed record PendingRecording(
    [property: Id(0)] RecordingJob Job,
    [property: Id(1)] DateTimeOffset RequestedAt);
