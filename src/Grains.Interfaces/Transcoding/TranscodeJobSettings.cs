namespace VideoPlatform.Grains.Transcoding;

/// <summary>Bound from <c>VideoPlatform:Transcode</c>.</summary>
public sealed class TranscodeJobSettings
{
    public const string Section = "VideoPlatform:Transcode";

    /// <summary>Attempts before a job fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a worker owns a job without renewing.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before attempt n+1 is BackoffBase × 2^(n-1).</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(BackoffBase.Ticks * (1L << Math.Clamp(attempts - 1, 0, 10)));
}
