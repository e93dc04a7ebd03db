namespace VideoPlatform.Grains.Analytics;

/// <summary>
/// How much of a session counts as watched, and when it becomes a view. The warehouse's timeseries query
/// (PostgresAnalyticsWarehouse) spells the same rule in SQL; keep the two together.
/// </summary>
public static class WatchRule
{
    /// <summary>A session is one view once it watched this long (PeerTube's rule).</summary>
    public const double ViewAfterSeconds = 10;

    /// <summary>Clock jitter allowed between a player's positions and its timestamps.</summary>
    public const double SlackSeconds = 1;

    /// <summary>
    /// Seconds watched between two consecutive events of a session: the position advanced while playing, never more
    /// than the time that passed (+ slack). A seek's position is its target, so the interval ending in a seek counts 0.
    /// </summary>
    public static double Watched(PlaybackEventType previousType, DateTimeOffset previousAt, double previousPosition, PlaybackEvent current)
    {
        if (!IsPlaying(previousType) || current.Type == PlaybackEventType.Seek)
        {
            return 0;
        }

        var wall = Math.Max((current.At - previousAt).TotalSeconds, 0) + SlackSeconds;
        return Math.Clamp(current.Position - previousPosition, 0, wall);
    }

    public static bool IsPlaying(PlaybackEventType type) =>
        type is PlaybackEventType.Play or PlaybackEventType.Heartbeat or PlaybackEventType.Rendition or PlaybackEventType.Seek;
}
