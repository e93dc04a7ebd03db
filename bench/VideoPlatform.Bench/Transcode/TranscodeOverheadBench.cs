using System.Diagnostics;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Bench.Transcode;

/// <summary>
/// Figure 1: the <see cref="Transcoder"/> end to end (probe, ladder encode, rendition finishing, master playlist,
/// poster, storyboard, publish) against ffmpeg run directly with the very argument list the pipeline builds.
/// </summary>
public static class TranscodeOverheadBench
{
    public static async Task<Figure> RunAsync(BenchOptions options, Workspace work)
    {
        var clip = await TestClip.Generate1080pAsync(work.Folder("clips"), options.TranscodeClipSeconds);
        var transcodeOptions = new TranscodeOptions { WorkRoot = work.Folder("transcoder-tmp") };
        var job = await LadderJob.PlanAsync(clip, transcodeOptions);
        var transcoder = new Transcoder();
        var lastRaw = "";
        var runs = await Paired.RunAsync(
            options.TranscodeRuns,
            async i =>
            {
                var output = work.Fresh("pipeline-out");
                var clock = Stopwatch.StartNew();
                var outcome = await transcoder.TranscodeAsync(clip, output, transcodeOptions, new ProgressSink(), CancellationToken.None);
                var seconds = clock.Elapsed.TotalSeconds;
                if (outcome is not TranscodeOutcome.Transcoded)
                {
                    throw new InvalidOperationException($"the pipeline did not transcode the clip: {outcome}");
                }

                Say.Line($"transcode {i + 1}/{options.TranscodeRuns}: Transcoder {Say.Number(seconds)} s");
                return seconds;
            },
            async i =>
            {
                lastRaw = work.Fresh("raw-out");
                var seconds = (await Processes.TimeAsync("ffmpeg", job.Arguments, lastRaw)).TotalSeconds;
                Say.Line($"transcode {i + 1}/{options.TranscodeRuns}: raw ffmpeg {Say.Number(seconds)} s");
                return seconds;
            });

        var stages = await TranscodeBreakdown.MeasureAsync(job, lastRaw, options.TranscodeRuns);
        var figure = Figure.Compare(
            "1a",
            $"1a Transcode overhead, Transcoder class, {options.TranscodeClipSeconds} s 1080p clip, {job.Plan.Rungs.Count} rungs",
            "s",
            "Transcoder end to end",
            runs,
            "raw ffmpeg, same arguments",
            Goal.AtMost(1.05));
        var pipeline = figure.Measured!.Median;
        var explained = stages.Values.Sum() + figure.Baseline!.Median;
        var details = new Dictionary<string, double>(stages)
        {
            ["encode_raw_s"] = figure.Baseline.Median,
            ["other_s"] = Math.Max(0, pipeline - explained),
        };
        return figure with
        {
            Details = details,
            Note = $"preset {transcodeOptions.Preset}; stages (medians): " + string.Join(", ", details.Select(d => $"{d.Key} {Say.Number(d.Value)}")),
        };
    }

    private sealed class ProgressSink : IProgress<double>
    {
        private double last;

        public void Report(double value) => Volatile.Write(ref last, value);
    }
}
