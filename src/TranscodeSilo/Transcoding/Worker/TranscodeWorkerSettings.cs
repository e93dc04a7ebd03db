namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>Bound from <c>VideoPlatform:Transcode:Worker</c>.</summary>
public sealed class TranscodeWorkerSettings
{
    public const string Section = "VideoPlatform:Transcode:Worker";

    /// <summary>FFmpeg jobs this media silo runs at once; 0 = from the core count (one per two cores, at least one).</summary>
    public int MaxConcurrentJobs { get; set; }

    /// <summary>How long a slot waits after an error (cluster starting, queue unreachable) before asking again.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle slot waits in the queue grain for a push before asking again (under the 30 s response timeout).</summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>x264 preset of every rung.</summary>
    public string Preset { get; set; } = "veryfast";

    public int? Threads { get; set; }

    /// <summary>Parent of the per-job temp folders; empty = the system temp folder.</summary>
    public string? WorkRoot { get; set; }

    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(6);

    public int EffectiveConcurrency => MaxConcurrentJobs > 0 ? MaxConcurrentJobs : Math.Max(1, Environment.ProcessorCount / 2);
}
