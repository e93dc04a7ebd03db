namespace VideoPlatform.Grains.Analytics;

/// <summary>The persisted state of one video's stats (see <see cref="PlaybackTally"/> for what each member means).</summary>
[GenerateSerializer, Alias("VideoPlatform.VideoStatsState")]
public sealed class VideoStatsState
{
    [Id(0)] public long Views { get; set; }
    [Id(1)] public long Sessions { get; set; }
    [Id(2)] public double WatchSeconds { get; set; }
    [Id(3)] public double BufferingSeconds { get; set; }
    [Id(4)] public long[] RetentionSessions { get; set; } = new long[PlaybackTally.RetentionBuckets];
    [Id(5)] public int[] StartupHistogram { get; set; } = new int[PlaybackTally.StartupBuckets];
    [Id(6)] public Dictionary<string, double> RenditionSeconds { get; set; } = [];
    [Id(7)] public byte[] Unique { get; set; } = [];
    [Id(8)] public Dictionary<string, SessionTrack> Tracks { get; set; } = [];
    /// <summary>The warehouse sequence of the last event applied: activation replays what came after it.</summary>
    [Id(9)] public long Watermark { get; set; }
}

/// <summary>Where one session stands: its last event, what it watched, which hundredths of the video it covered.</summary>
[GenerateSerializer, Alias("VideoPlatform.SessionTrack")]
public sealed class SessionTrack
{
    [Id(0)] public PlaybackEventType LastType { get; set; }
    [Id(1)] public DateTimeOffset LastAt { get; set; }
    [Id(2)] public double LastPosition { get; set; }
    [Id(3)] public double Watched { get; set; }
    [Id(4)] public bool Viewed { get; set; }
    [Id(5)] public ulong Covered0 { get; set; }
    [Id(6)] public ulong Covered1 { get; set; }
    [Id(7)] public string? Rendition { get; set; }
}
