namespace VideoPlatform.Grains.Channels;

[GenerateSerializer, Alias("VideoPlatform.LiveSessionState")]
public sealed class LiveSessionState
{
    /// <summary>Null until the channel starts (or hands over) the session.</summary>
    [Id(0)] public LiveSessionStart? Start { get; set; }

    [Id(1)] public LiveSessionStatus Status { get; set; }

    /// <summary>The recording asked of the media pool and not confirmed yet.</summary>
    [Id(2)] public PendingRecording? Pending { get; set; }

    /// <summary>When the ended session's live objects go (they stay a while for viewers still playing the last window).</summary>
    [Id(3)] public DateTimeOffset? DeleteLiveObjectsAt { get; set; }

    /// <summary>The channel the session belongs to (also known for a handed-over session that only has work left).</summary>
    [Id(4)] public string? ChannelId { get; set; }
}
