namespace VideoPlatform.Grains.Transcoding;

/// <summary>Bound from <c>VideoPlatform:Transcode</c>.</summary>
public sealed class TranscodeJobSettings
{
    public const string Section = "VideoPlatform:Transcode";

    /// <summary>Attempts before a job fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Starts, handed back or not, before a job fails for good: a hand-back does not count as an attempt, so without
    /// this a source that kills its worker's process before the first lease renewal would be started forever.
    /// </summary>
    public int MaxStarts => 3 * MaxAttempts;

    /// <summary>How long a worker owns a job without renewing.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before attempt n+1 is BackoffBase × 2^(n-1).</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Jobs one owner may have running at once; the owner's other jobs wait their turn in the queue (they are not refused:
    /// the upload is already stored, and a refusal would only make the owner upload it again).
    /// </summary>
    public int MaxConcurrentJobsPerOwner { get; set; } = 2;

    /// <summary>Every setting that cannot work, one line each naming its key; empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxAttempts < 1)
        {
            yield return $"{Section}:MaxAttempts = {MaxAttempts} is not valid; at least 1";
        }

        if (MaxConcurrentJobsPerOwner is < 1 or > 1000)
        {
            yield return $"{Section}:MaxConcurrentJobsPerOwner = {MaxConcurrentJobsPerOwner} is not valid; allowed: 1..1000";
        }
    }

    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(BackoffBase.Ticks * (1L << Math.Clamp(attempts - 1, 0, 10)));
}
