namespace VideoPlatform.Grains.Channels;

/// <summary>
/// Who may publish, and when a session is over. Pure, so every case is a unit test:
/// one publisher at a time; the same streamer (the key is its identity) resumes an interrupted session or
/// one whose ingest lease lapsed (a half-open connection must not lock the streamer out).
/// </summary>
public static class PublishPolicy
{
    public static (ChannelTrigger? Trigger, PublishRejection Rejection) Decide(
        ChannelStatus status, LiveSession? session, bool keyMatches, DateTimeOffset now)
    {
        if (!keyMatches)
        {
            return (null, PublishRejection.InvalidKey);
        }

        return status switch
        {
            ChannelStatus.Disabled => (null, PublishRejection.Disabled),
            ChannelStatus.Idle => (ChannelTrigger.Publish, PublishRejection.None),
            ChannelStatus.Interrupted => (ChannelTrigger.Resume, PublishRejection.None),
            ChannelStatus.Live when session?.LeaseUntil < now => (ChannelTrigger.Resume, PublishRejection.None),
            _ => (null, PublishRejection.AlreadyLive),
        };
    }

    /// <summary>Why a live session must end now, or null while it is healthy (or still within its reconnect grace).</summary>
    public static string? Expired(ChannelStatus status, LiveSession session, DateTimeOffset now, TimeSpan grace) => status switch
    {
        ChannelStatus.Interrupted when now >= (session.InterruptedAt ?? session.LeaseUntil) + grace => "publisher did not reconnect",
        ChannelStatus.Live when now > session.LeaseUntil => "ingest lease expired",
        _ => null,
    };
}
