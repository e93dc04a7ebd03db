namespace VideoPlatform.Grains.Channels;

/// <summary>Bound from <c>VideoPlatform:Live:Channel</c>: lease and reconnect timing of live sessions.</summary>
public sealed class ChannelLiveSettings
{
    public const string Section = "VideoPlatform:Live:Channel";

    /// <summary>How long a session stays attached to its ingest node without a renewal (node death is detected after this).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a dropped publisher may take to reconnect and resume the same session.</summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a finished session waits for its recording before the channel asks the media pool again.</summary>
    public TimeSpan RecordingRetry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long an ended session's live playlists and segments stay in the store (after its recording, if any, is
    /// built): players a few segments behind the live edge still fetch the last window and its ENDLIST.
    /// </summary>
    public TimeSpan EndedLinger { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Sessions (publishing or waiting for a reconnect) one user's channels may have at once.</summary>
    public int MaxLiveSessionsPerUser { get; set; } = 3;

    /// <summary>Every out-of-range value, one line each, naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxLiveSessionsPerUser is < 1 or > 1000)
        {
            yield return $"{Section}:{nameof(MaxLiveSessionsPerUser)} = {MaxLiveSessionsPerUser} is not valid; allowed: 1..1000";
        }

        if (Lease < TimeSpan.FromSeconds(1) || ReconnectGrace < TimeSpan.Zero)
        {
            yield return $"{Section}:{nameof(Lease)} must be at least 1 s and {Section}:{nameof(ReconnectGrace)} not negative";
        }
    }
}
