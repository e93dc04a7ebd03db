namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Knobs for one transcode; defaults suit production, tests turn the preset down.</summary>
public sealed record TranscodeOptions
{
    /// <summary>x264 preset for every rung.</summary>
    public string Preset { get; init; } = "veryfast";

    /// <summary>Encoder threads; null lets ffmpeg decide from the core count.</summary>
    public int? Threads { get; init; }

    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Largest picture accepted, either way round; see <see cref="ProbeLimits"/>.</summary>
    public int MaxWidth { get; init; } = ProbeLimits.DefaultMaxWidth;

    public int MaxHeight { get; init; } = ProbeLimits.DefaultMaxHeight;

    /// <summary>Wall time a job may take per second of video, after <see cref="TimeoutFloor"/>; then FFmpeg is killed.</summary>
    public double TimeoutFactor { get; init; } = 10;

    /// <summary>Wall time every job gets whatever its length (and all the probe gets): startup, thumbnails, a busy machine.</summary>
    public TimeSpan TimeoutFloor { get; init; } = TimeSpan.FromMinutes(2);

    public ProbeLimits Limits => new(MaxDuration, MaxWidth, MaxHeight);

    /// <summary>The wall-clock budget of a job whose source lasts <paramref name="duration"/>.</summary>
    public TimeSpan Timeout(TimeSpan duration) => TimeoutFloor + (duration * TimeoutFactor);

    /// <summary>Shortest gap between storyboard thumbnails; long videos get a wider gap to bound the sprite.</summary>
    public TimeSpan StoryboardInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an <see cref="IEncodeWatcher"/> looks at the ladder while it encodes (segments last 4 s).</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Parent of the per-job temp folder; null means the system temp folder.</summary>
    public string? WorkRoot { get; init; }

    public static TranscodeOptions Default { get; } = new();
}
