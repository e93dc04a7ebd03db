using System.Diagnostics;
using VideoPlatform.Bench.Measure;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Bench.Transcode;

/// <summary>
/// Times the pipeline's stages other than the ladder encode, one by one, with the platform's own code:
/// the probe (ffprobe plus two decode checks), rendition finishing, and the poster and storyboard ffmpeg runs.
/// </summary>
public static class TranscodeBreakdown
{
    public static async Task<Dictionary<string, double>> MeasureAsync(LadderJob job, string rawOutput, int runs)
    {
        var probe = new List<double>();
        var finish = new List<double>();
        var thumbnails = new List<double>();
        var runner = new FfmpegRunner(MediaTools.Default);
        var storyboard = StoryboardPlan.For(job.Source, job.Options.StoryboardInterval);
        var lowest = $"{job.Plan.Rungs[^1].Name}/index.m3u8";
        Directory.CreateDirectory(Path.Combine(rawOutput, "thumbs"));
        for (var i = 0; i < runs; i++)
        {
            probe.Add(await TimeAsync(() => new SourceProbe(MediaTools.Default).ProbeAsync(job.Clip, job.Options.MaxDuration, CancellationToken.None)));
            finish.Add(await TimeAsync(async () =>
            {
                foreach (var rung in job.Plan.Rungs)
                {
                    await RenditionFinisher.FinishAsync(rawOutput, rung, CancellationToken.None);
                }
            }));
            thumbnails.Add(await TimeAsync(async () =>
            {
                await runner.RunAsync(ThumbnailArguments.Poster(job.Clip, job.Source, Transcoder.PosterPath), rawOutput, job.Source.Duration, null, CancellationToken.None);
                await runner.RunAsync(ThumbnailArguments.Storyboard(lowest, storyboard, Transcoder.StoryboardPath), rawOutput, job.Source.Duration, null, CancellationToken.None);
            }));
        }

        return new Dictionary<string, double>
        {
            ["probe_s"] = Summary.Of(probe).Median,
            ["finish_renditions_s"] = Summary.Of(finish).Median,
            ["thumbnails_s"] = Summary.Of(thumbnails).Median,
        };
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }
}
