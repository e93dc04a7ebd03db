using Microsoft.Extensions.Options;

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

    /// <summary>
    /// How often a running job tells its job grain how far it is (between lease renewals); the answer also stops
    /// FFmpeg when the video was deleted. Kept within 0.1-10 s.
    /// </summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Parent of the per-job temp folders; empty = the system temp folder.</summary>
    public string? WorkRoot { get; set; }

    /// <summary>Longest source accepted (declared, or found by the packet scan when the header states none).</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Largest picture accepted, coded or displayed, either way round (8192 x 4320 is 8K UHD).</summary>
    public int MaxWidth { get; set; } = ProbeLimits.DefaultMaxWidth;

    public int MaxHeight { get; set; } = ProbeLimits.DefaultMaxHeight;

    /// <summary>A job may run <see cref="TimeoutFloor"/> + this many times the source's length; then FFmpeg is killed (transcode_timeout).</summary>
    public double TimeoutFactor { get; set; } = 10;

    public TimeSpan TimeoutFloor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><see cref="IdleWait"/> kept within 0.1-25 s: zero would spin on the queue grain, 30 s meets the response timeout.</summary>
    public TimeSpan EffectiveIdleWait => Clamp(IdleWait, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(25));

    /// <summary><see cref="ErrorBackoff"/>, at least 0.1 s (and at most 5 min) so a failing slot never spins.</summary>
    public TimeSpan EffectiveErrorBackoff => Clamp(ErrorBackoff, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

    public TimeSpan EffectiveProgressInterval => Clamp(ProgressInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

    public int EffectiveConcurrency => MaxConcurrentJobs > 0 ? MaxConcurrentJobs : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Every limit that cannot work, one line each naming its key; empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxDuration <= TimeSpan.Zero)
        {
            yield return $"{Section}:MaxDuration = {MaxDuration} must be positive";
        }

        if (MaxWidth < 16 || MaxHeight < 16 || MaxHeight > MaxWidth)
        {
            yield return $"{Section}:MaxWidth x MaxHeight = {MaxWidth} x {MaxHeight} is not valid; both at least 16, height at most width";
        }

        if (!double.IsFinite(TimeoutFactor) || TimeoutFactor < 1)
        {
            yield return $"{Section}:TimeoutFactor = {TimeoutFactor} is not valid; at least 1 (an encode cannot beat its source by much)";
        }

        if (TimeoutFloor < TimeSpan.FromSeconds(10))
        {
            yield return $"{Section}:TimeoutFloor = {TimeoutFloor} is not valid; at least 10 s (the probe runs within it)";
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}

/// <summary>Refuses to start a media silo whose transcode limits cannot work.</summary>
internal sealed class TranscodeWorkerSettingsValidation : IValidateOptions<TranscodeWorkerSettings>
{
    public ValidateOptionsResult Validate(string? name, TranscodeWorkerSettings options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
