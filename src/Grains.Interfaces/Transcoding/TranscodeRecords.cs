namespace VideoPlatform.Grains.Transcoding;

[GenerateSerializer, Alias("VideoPlatform.TranscodeJobStatus")]
public enum TranscodeJobStatus
{
    /// <summary>Waiting for its first attempt.</summary>
    Queued,
    Running,
    Succeeded,
    Failed,
    Canceled,

    /// <summary>An attempt failed or lost its worker: waiting out the backoff for the next one.</summary>
    Retrying,
}

[GenerateSerializer, Alias("VideoPlatform.LeaseStatus")]
public enum LeaseStatus
{
    Ok,
    Canceled,
    Lost,
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.TranscodeRequest")]
public sealed record TranscodeRequest(
    [property: Id(0)] string VideoId,
    [property: Id(1)] string SourceKey,
    [property: Id(2)] long Size,
    [property: Id(3)] string? OwnerId = null);

[GenerateSerializer, Immutable, Alias("VideoPlatform.TranscodeTicket")]
public sealed record TranscodeTicket(
    [property: Id(0)] string JobId,
    [property: Id(1)] string VideoId,
    [property: Id(2)] string SourceKey,
    [property: Id(3)] int Attempt,
    [property: Id(4)] TimeSpan Lease,
    [property: Id(5)] string? TraceParent = null);

[GenerateSerializer, Immutable, Alias("VideoPlatform.TranscodeJobInfo")]
public sealed record TranscodeJobInfo
{
    [Id(0)] public required string JobId { get; init; }
    [Id(1)] public TranscodeJobStatus Status { get; init; }
    [Id(2)] public int Attempts { get; init; }
    [Id(3)] public string? WorkerId { get; init; }
    [Id(4)] public DateTimeOffset? LeaseUntil { get; init; }
    [Id(5)] public int Progress { get; init; }
    [Id(6)] public string? LastError { get; init; }
    [Id(7)] public DateTimeOffset EnqueuedAt { get; init; }
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.TranscodeQueueStats")]
public sealed record TranscodeQueueStats(
    [property: Id(0)] int Queued,
    [property: Id(1)] int Running,
    [property: Id(2)] IReadOnlyList<string> QueuedJobs,
    [property: Id(3)] IReadOnlyDictionary<string, string> RunningJobs);

/// <summary>A job in the line: runnable from <see cref="NotBefore"/>, in its owner's line by <see cref="QueuedAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.QueuedJob")]
public sealed record QueuedJob(
    [property: Id(0)] string JobId,
    [property: Id(1)] DateTimeOffset NotBefore,
    [property: Id(2)] DateTimeOffset QueuedAt,
    [property: Id(3)] string? Owner = null);
