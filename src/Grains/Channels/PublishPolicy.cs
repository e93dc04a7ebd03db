namespace VideoPlatform.Grains.Channels;

/// <summary>
/// Who may publish, and when a session is over. Pure, so every case is a unit test:
/// one publisher at a time; the same streamer (the key is its identity) resumes an interrupted session or
/// one whose ingest lease lapsed (a half-open connection must not lock the streamer out).
/// </summary>
public static class PublishPolicy
{
    /// <summary>The channel's part: Resume means "ask the session" (<see cref="CanReattach"/>).</summary>
    public static (ChannelTrigger? Trigger, PublishRejection Rejection) Decide(ChannelStatus status, bool keyMatches)
    {
        if (!keyMatches)
        {
            return (null, PublishRejection.InvalidKey);
        }

        return status switch
        {
            ChannelStatus.Disabled => (null, PublishRejection.Disabled),
            ChannelStatus.Idle => (ChannelTrigger.Publish, PublishRejection.None),
            _ => (ChannelTrigger.Resume, PublishRejection.None),
        };
    }

    /// <summary>The session's part: a new connection may attach when the session waits for one or its lease lapsed.</summary>
    public static bool CanReattach(LiveSessionStatus status, LiveSession session, DateTimeOffset now) => status switch
    {
        LiveSessionStatus.Interrupted => true,
        LiveSessionStatus.Publishing => session.LeaseUntil < now,
        _ => false,
    };

    /// <summary>Why a live session must end now, or null while it is healthy (or still within its reconnect grace).</summary>
    public static string? Expired(LiveSessionStatus status, LiveSession session, DateTimeOffset now, TimeSpan grace) => status switch
    {
        LiveSessionStatus.Interrupted when now >= (session.InterruptedAt ?? session.LeaseUntil) + grace => "publisher did not reconnect",
        LiveSessionStatus.Publishing when now > session.LeaseUntil => "ingest lease expired",
        _ => null,
    };
}
