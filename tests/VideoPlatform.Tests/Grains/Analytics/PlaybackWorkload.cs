using VideoPlatform.Grains.Analytics;

namespace VideoPlatform.Tests.Grains.Analytics;

/// <summary>
/// A simulated audience with known answers: session i plays from 0 and sends a heartbeat every 5 s until it leaves at
/// 5 × (i % 20 + 1) seconds; its play event reports a startup of 100 × (i % 10 + 1) ms, one heartbeat 500 ms of
/// buffering; even sessions play "720p", odd ones "360p".
/// </summary>
public static class PlaybackWorkload
{
    public const double Step = 5;

    public static double WatchedBy(int session) => Step * ((session % 20) + 1);

    public static string SessionId(string prefix, int session) => $"{prefix}-session-{session:D6}";

    /// <summary>The events of one session as batches of at most <paramref name="batchSize"/>, with their ids.</summary>
    public static IReadOnlyList<IReadOnlyList<PlaybackEvent>> Session(string prefix, int session, DateTimeOffset start, int batchSize = 100)
    {
        var id = SessionId(prefix, session);
        var heartbeats = (int)(WatchedBy(session) / Step);
        var rendition = session % 2 == 0 ? "720p" : "360p";
        var events = new List<(PlaybackEventType Type, double Position, int? Startup, int? Buffering)> { (PlaybackEventType.Play, 0, 100 * ((session % 10) + 1), null) };
        for (var k = 1; k <= heartbeats; k++)
        {
            events.Add((PlaybackEventType.Heartbeat, k * Step, null, k == 1 ? 500 : null));
        }

        return events.Chunk(batchSize).Select((chunk, sequence) => (IReadOnlyList<PlaybackEvent>)chunk.Select((e, index) => new PlaybackEvent
        {
            EventId = PlaybackEvent.IdOf(id, sequence, index),
            SessionId = id,
            Order = (sequence * PlaybackEvent.OrderStride) + index,
            Type = e.Type,
            At = start.AddSeconds(e.Position),
            Position = e.Position,
            Rendition = rendition,
            StartupMs = e.Startup,
            BufferingMs = e.Buffering,
        }).ToList()).ToList();
    }
}
