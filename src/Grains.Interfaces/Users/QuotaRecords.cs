namespace VideoPlatform.Grains.Users;

/// <summary>The quotas a caller is held to; null is no limit.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.QuotaLimits")]
public sealed record QuotaLimits
{
    public static readonly QuotaLimits None = new();

    [Id(0)] public long? StoredBytes { get; init; }
    [Id(1)] public int? VideosPerDay { get; init; }
    [Id(2)] public int? ConcurrentUploads { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.QuotaUsage")]
public sealed record QuotaUsage(
    [property: Id(0)] long StoredBytes,
    [property: Id(1)] long ClaimedBytes,
    [property: Id(2)] int VideosToday,
    [property: Id(3)] int ConcurrentUploads);

/// <summary>The names of the quotas, as the Api reports them (<c>quota</c> of a <c>quota_exceeded</c> problem).</summary>
public static class Quotas
{
    public const string StoredBytes = "stored_bytes";
    public const string VideosPerDay = "videos_per_day";
    public const string ConcurrentUploads = "concurrent_uploads";
}

/// <summary>
/// A quota would be exceeded. <see cref="RetryAfter"/> is set for the rate-like quotas (per day, concurrent: HTTP 429);
/// null for stored bytes, which only a delete frees (HTTP 403).
/// </summary>
[GenerateSerializer, Alias("VideoPlatform.QuotaExceededException")]
public sealed class QuotaExceededException : Exception
{
    public QuotaExceededException()
    {
    }

    public QuotaExceededException(string message) : base(message)
    {
    }

    public QuotaExceededException(string message, Exception inner) : base(message, inner)
    {
    }

    public QuotaExceededException(string quota, long limit, TimeSpan? retryAfter)
        : base($"The {quota.Replace('_', ' ')} quota of {limit} is reached")
    {
        Quota = quota;
        Limit = limit;
        RetryAfter = retryAfter;
    }

    [Id(2)] public string? Quota { get; init; }
    [Id(3)] public long Limit { get; init; }
    [Id(4)] public TimeSpan? RetryAfter { get; init; }
}
