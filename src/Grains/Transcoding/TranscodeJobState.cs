using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Transcoding;

[GenerateSerializer, Alias("VideoPlatform.TranscodeJobState")]
public sealed class TranscodeJobState
{
    [Id(0)] public TranscodeRequest? Request { get; set; }
    [Id(1)] public TranscodeJobStatus Status { get; set; }
    [Id(2)] public int Attempts { get; set; }
    [Id(3)] public string? WorkerId { get; set; }
    [Id(4)] public DateTimeOffset? LeaseUntil { get; set; }
    [Id(5)] public int Progress { get; set; }
    [Id(6)] public string? LastError { get; set; }
    [Id(7)] public DateTimeOffset EnqueuedAt { get; set; }
    [Id(8)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Kept once Succeeded, so that the video can be told again after a crash.</summary>
    [Id(9)] public TranscodeOutput? Output { get; set; }

    /// <summary>Kept once Failed, for the same reason.</summary>
    [Id(10)] public VideoFailure? Failure { get; set; }

    /// <summary>The W3C trace context of the call that enqueued the job, so the media silo's encode joins that trace.</summary>
    [Id(11)] public string? TraceParent { get; set; }

    /// <summary>Whether this attempt's worker renewed its lease at least once: one that never did is not held against the job.</summary>
    [Id(12)] public bool Begun { get; set; }

    /// <summary>Every start, counted or handed back: bounds the hand-backs, which <see cref="Attempts"/> leaves out.</summary>
    [Id(13)] public int Starts { get; set; }
}
