namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Runs one ffmpeg job that writes "-progress pipe:1", reporting 0-100 against the source duration.</summary>
public sealed class FfmpegRunner(MediaTools tools)
{
    /// <exception cref="MediaToolException">ffmpeg exited with a non-zero code.</exception>
    /// <exception cref="OperationCanceledException">The process was killed because of <paramref name="cancellationToken"/>.</exception>
    public async Task RunAsync(
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan duration,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var last = -1.0;
        var run = await ToolProcess.RunAsync(tools.FfmpegPath, arguments, workingDirectory, line =>
        {
            if (ProgressParser.Percent(line, duration) is { } percent && percent > last)
            {
                last = percent;
                progress?.Report(percent);
            }
        }, cancellationToken).ConfigureAwait(false);

        if (!run.Succeeded)
        {
            throw new MediaToolException("ffmpeg", run);
        }
    }
}
