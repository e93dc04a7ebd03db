namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Source file in, HLS ladder + poster + storyboard out. The temp folder never outlives the call.</summary>
public sealed class Transcoder(MediaTools tools)
{
    public const string MasterName = "master.m3u8";
    public const string PosterPath = "thumbs/poster.jpg";
    public const string StoryboardPath = "thumbs/storyboard.jpg";
    public const string StoryboardVttPath = "thumbs/storyboard.vtt";

    // The ladder encode is nearly all of the work; thumbnails and bookkeeping share the rest.
    private const double EncodeShare = 90;

    public Transcoder()
        : this(MediaTools.Default)
    {
    }

    public async Task<TranscodeOutcome> TranscodeAsync(
        string inputFile,
        string outputFolder,
        TranscodeOptions options,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var probe = await new SourceProbe(tools).ProbeAsync(inputFile, options.MaxDuration, cancellationToken).ConfigureAwait(false);
        if (probe is ProbeResult.Rejected rejected)
        {
            return new TranscodeOutcome.Rejected(rejected.Rejection);
        }

        var source = ((ProbeResult.Accepted)probe).Source;
        var plan = LadderPlanner.Plan(source);
        var work = Path.Combine(options.WorkRoot ?? Path.GetTempPath(), $"vp-transcode-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var runner = new FfmpegRunner(tools);
            var encodeProgress = progress is null ? null : new ScaledProgress(progress, 0, EncodeShare);
            await runner.RunAsync(FfmpegArguments.Hls(inputFile, source, plan, options), work, source.Duration, encodeProgress, cancellationToken)
                .ConfigureAwait(false);

            var stats = new List<RenditionStats>();
            foreach (var rung in plan.Rungs)
            {
                stats.Add(await RenditionFinisher.FinishAsync(work, rung, cancellationToken).ConfigureAwait(false));
            }

            await File.WriteAllTextAsync(Path.Combine(work, MasterName), MasterPlaylistWriter.Write(stats, plan.FrameRate, plan.HasAudio), cancellationToken)
                .ConfigureAwait(false);
            await WriteThumbnailsAsync(runner, inputFile, source, plan, work, options, cancellationToken).ConfigureAwait(false);
            progress?.Report(99);

            Publish(work, outputFolder);
            progress?.Report(100);
            var renditions = stats.Select(s => new TranscodedRendition(
                s.Rung.Name, s.Rung.Width, s.Rung.Height, s.AverageBitrate, plan.FrameRate.Value, s.PlaylistUri)).ToList();
            return new TranscodeOutcome.Transcoded(new TranscodeResult(
                source, source.Duration, renditions, MasterName, PosterPath, StoryboardPath, StoryboardVttPath));
        }
        finally
        {
            WorkFolders.DeleteQuietly(work);
        }
    }

    private static async Task WriteThumbnailsAsync(
        FfmpegRunner runner, string inputFile, SourceInfo source, LadderPlan plan, string work, TranscodeOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(work, "thumbs"));
        await runner.RunAsync(ThumbnailArguments.Poster(inputFile, source, PosterPath), work, source.Duration, null, ct).ConfigureAwait(false);

        var storyboard = StoryboardPlan.For(source, options.StoryboardInterval);
        var lowest = $"{plan.Rungs[^1].Name}/index.m3u8";
        await runner.RunAsync(ThumbnailArguments.Storyboard(lowest, storyboard, StoryboardPath), work, source.Duration, null, ct)
            .ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(work, StoryboardVttPath), StoryboardVtt.Write(storyboard, Path.GetFileName(StoryboardPath)), ct)
            .ConfigureAwait(false);
    }

    // Moves file by file: the output folder may be on another volume, and re-running a job overwrites its old output.
    private static void Publish(string work, string outputFolder)
    {
        foreach (var file in Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(outputFolder, Path.GetRelativePath(work, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
        }
    }

}
