using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Bench.Transcode;

/// <summary>
/// The exact ffmpeg argument list the pipeline runs for a clip: probed and planned by the platform's own code,
/// with the worker's default options.
/// </summary>
public sealed record LadderJob(string Clip, SourceInfo Source, LadderPlan Plan, TranscodeOptions Options)
{
    public IReadOnlyList<string> Arguments => FfmpegArguments.Hls(Clip, Source, Plan, Options);

    public static async Task<LadderJob> PlanAsync(string clip, TranscodeOptions options)
    {
        var probe = await new SourceProbe(MediaTools.Default).ProbeAsync(clip, options.Limits, CancellationToken.None);
        if (probe is not ProbeResult.Accepted accepted)
        {
            throw new InvalidOperationException($"the platform rejects the test clip: {probe}");
        }

        return new LadderJob(clip, accepted.Source, LadderPlanner.Plan(accepted.Source), options);
    }
}
