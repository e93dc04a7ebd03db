using VideoPlatform.Storage;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Source file in, HLS ladder + poster + storyboard out. The temp folder never outlives the call.</summary>
public sealed class Transcoder(MediaTools tools, TimeProvider time)
{
    // The output folder has the layout of the published keys, so each file is published under MediaKeys.Video(id, path).
    public const string MasterName = MediaKeys.MasterPlaylist;
    public const string PosterPath = MediaKeys.PosterPath;
    public const string StoryboardPath = MediaKeys.StoryboardPath;
    public const string StoryboardVttPath = MediaKeys.StoryboardCuesPath;

    // The ladder encode is nearly all of the work; thumbnails and bookkeeping share the rest.
    private const double EncodeShare = 90;

    public Transcoder()
        : this(MediaTools.Default, TimeProvider.System)
    {
    }

    /// <summary>
    /// Probes, then encodes within <see cref="TranscodeOptions.Timeout"/> of the source's length: past it FFmpeg is killed
    /// (with its whole process tree) and the source is rejected as <c>transcode_timeout</c>, not retried.
    /// </summary>
    public async Task<TranscodeOutcome> TranscodeAsync(
        string inputFile,
        string outputFolder,
        TranscodeOptions options,
        IProgress<double>? progress,
        CancellationToken cancellationToken,
        IEncodeWatcher? watcher = null)
    {
        // Until the probe says how long the source is, the floor alone bounds it.
        using var deadline = new CancellationTokenSource(options.TimeoutFloor, time);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var budget = options.TimeoutFloor;
        try
        {
            return await TranscodeWithinAsync(inputFile, outputFolder, options, progress, watcher, allowed =>
            {
                budget = options.Timeout(allowed);
                deadline.CancelAfter(budget);
            }, limited.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new TranscodeOutcome.Rejected(new MediaRejection(
                RejectionReason.TimedOut, $"The transcode took longer than its limit of {budget:g} and was stopped."));
        }
    }

    private async Task<TranscodeOutcome> TranscodeWithinAsync(
        string inputFile,
        string outputFolder,
        TranscodeOptions options,
        IProgress<double>? progress,
        IEncodeWatcher? watcher,
        Action<TimeSpan> startClock,
        CancellationToken cancellationToken)
    {
        var probe = await new SourceProbe(tools).ProbeAsync(inputFile, options.Limits, cancellationToken).ConfigureAwait(false);
        if (probe is ProbeResult.Rejected rejected)
        {
            return new TranscodeOutcome.Rejected(rejected.Rejection);
        }

        var source = ((ProbeResult.Accepted)probe).Source;
        startClock(source.Duration);
        var plan = LadderPlanner.Plan(source);
        var work = Path.Combine(options.WorkRoot ?? Path.GetTempPath(), $"vp-transcode-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var encodeProgress = progress is null ? null : new ScaledProgress(progress, 0, EncodeShare);
            try
            {
                await EncodeAsync(FfmpegArguments.Hls(inputFile, source, plan, options), work, source.Duration, encodeProgress, plan, options, watcher, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (MediaToolException ex) when (EncodeRejections.FromFailure(ex.StandardErrorTail, source) is { } damaged)
            {
                return new TranscodeOutcome.Rejected(damaged);
            }

            var encoded = await EncodedSecondsAsync(work, plan.Rungs[^1], cancellationToken).ConfigureAwait(false);
            if (EncodeRejections.FromCoverage(source, encoded) is { } cutShort)
            {
                return new TranscodeOutcome.Rejected(cutShort);
            }

            var stats = new List<RenditionStats>();
            foreach (var rung in plan.Rungs)
            {
                stats.Add(await RenditionFinisher.FinishAsync(work, rung, cancellationToken).ConfigureAwait(false));
            }

            await File.WriteAllTextAsync(Path.Combine(work, MasterName), MasterPlaylistWriter.Write(stats, plan.FrameRate, plan.HasAudio), cancellationToken)
                .ConfigureAwait(false);
            await FileThumbnailsAsync(work, StoryboardPlan.For(source, options.StoryboardInterval), cancellationToken).ConfigureAwait(false);
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

    private async Task EncodeAsync(
        IReadOnlyList<string> arguments,
        string work,
        TimeSpan duration,
        IProgress<double>? progress,
        LadderPlan plan,
        TranscodeOptions options,
        IEncodeWatcher? watcher,
        CancellationToken cancellationToken)
    {
        if (watcher is null)
        {
            await new FfmpegRunner(tools).RunAsync(arguments, work, duration, progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var stopEncode = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var encode = new FfmpegRunner(tools).RunAsync(arguments, work, duration, progress, stopEncode.Token);
        using var timer = new PeriodicTimer(options.WatchInterval);
        try
        {
            while (true)
            {
                var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(encode, tick).ConfigureAwait(false) == encode)
                {
                    break;
                }

                await tick.ConfigureAwait(false);
                await watcher.OnEncodingAsync(work, plan, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // The watcher failed (or the job was canceled): ffmpeg must not go on writing into a folder nobody reads.
            await stopEncode.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(encode).ConfigureAwait(false);
            _ = encode.Exception; // observed: the error reported is the one that stopped the encode
            throw;
        }

        await encode.ConfigureAwait(false);
    }

    // The lowest rung's playlist says how much of the source actually decoded; a missing playlist means none of it.
    private static async Task<double> EncodedSecondsAsync(string work, Rung rung, CancellationToken ct)
    {
        var playlist = Path.Combine(work, rung.Name, "index.m3u8");
        return File.Exists(playlist)
            ? MediaPlaylist.Parse(await File.ReadAllTextAsync(playlist, ct).ConfigureAwait(false)).Segments.Sum(s => s.Duration)
            : 0;
    }

    // The encode leaves the poster and the tiles next to the rendition folders (ffmpeg's image writer makes no folders).
    private async Task FileThumbnailsAsync(string work, StoryboardPlan storyboard, CancellationToken ct)
    {
        await new FfmpegRunner(tools).RunAsync(ThumbnailArguments.Sprite(storyboard), work, TimeSpan.Zero, null, ct).ConfigureAwait(false);
        File.Delete(Path.Combine(work, ThumbnailArguments.TilesFile));
        Directory.CreateDirectory(Path.Combine(work, "thumbs"));
        foreach (var (written, target) in new[] { (ThumbnailArguments.PosterFile, PosterPath), (ThumbnailArguments.StoryboardFile, StoryboardPath) })
        {
            var from = Path.Combine(work, written);
            if (!File.Exists(from))
            {
                throw new MediaToolException($"ffmpeg wrote no {written}.");
            }

            File.Move(from, Path.Combine(work, target));
        }

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
