using System.Diagnostics;
using VideoPlatform.Bench.Measure;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Bench.Transcode;

/// <summary>
/// Times the pipeline's stages other than the one ffmpeg run (ladder, poster and storyboard together), one by one,
/// with the platform's own code: the probe (ffprobe) and rendition finishing.
/// </summary>
public static class TranscodeBreakdown
{
    public static async Task<Dictionary<string, double>> MeasureAsync(LadderJob job, string rawOutput, int runs)
    {
        var probe = new List<double>();
        var finish = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            probe.Add(await TimeAsync(() => new SourceProbe(MediaTools.Default).ProbeAsync(job.Clip, job.Options.Limits, CancellationToken.None)));
            finish.Add(await TimeAsync(async () =>
            {
                foreach (var rung in job.Plan.Rungs)
                {
                    await RenditionFinisher.FinishAsync(rawOutput, rung, CancellationToken.None);
                }
            }));
        }

        return new Dictionary<string, double>
        {
            ["probe_s"] = Summary.Of(probe).Median,
            ["finish_renditions_s"] = Summary.Of(finish).Median,
        };
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }
}
