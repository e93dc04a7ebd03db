using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>
/// How long the next read may wait: the idle limit since the last byte, and the deadline of the current phase
/// (handshake, connect, publish, first media) counted from when the phase began. A slowloris client that dribbles
/// a byte every few seconds passes the idle limit but not the phase deadline.
/// </summary>
public sealed class ConnectionDeadlines(LiveIngestSettings settings, TimeProvider time)
{
    private DateTimeOffset lastByte = time.GetUtcNow();
    private DateTimeOffset phaseStarted = time.GetUtcNow();
    private RtmpSessionState phase = RtmpSessionState.Handshake;
    private bool mediaSeen;

    public void Observe(RtmpSessionState state)
    {
        // createStream does not restart the publish deadline: it counts from connect.
        var samePhase = state == phase || (phase == RtmpSessionState.Connected && state == RtmpSessionState.StreamCreated);
        if (!samePhase)
        {
            phaseStarted = time.GetUtcNow();
        }

        phase = state;
    }

    public void BytesReceived() => lastByte = time.GetUtcNow();

    public void MediaReceived() => mediaSeen = true;

    /// <summary>Zero or less: the connection has run out of time.</summary>
    public TimeSpan Remaining()
    {
        var now = time.GetUtcNow();
        var idle = lastByte + settings.IdleTimeout - now;
        TimeSpan? phaseLimit = phase switch
        {
            RtmpSessionState.Handshake => settings.HandshakeTimeout,
            RtmpSessionState.AwaitingConnect => settings.ConnectTimeout,
            RtmpSessionState.Connected or RtmpSessionState.StreamCreated or RtmpSessionState.ValidatingKey => settings.PublishTimeout,
            RtmpSessionState.Publishing when !mediaSeen => settings.FirstMediaTimeout,
            _ => null,
        };
        return phaseLimit is { } limit ? Min(idle, phaseStarted + limit - now) : idle;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
