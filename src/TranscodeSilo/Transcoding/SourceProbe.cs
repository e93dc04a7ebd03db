using System.Globalization;
using System.Text.Json;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Decides whether a local file is a video we can transcode, and describes it.</summary>
public sealed class SourceProbe(MediaTools tools)
{
    // Containers we accept. Anything else (HLS playlists, concat scripts, ...) could make ffmpeg read other files or URLs.
    // Audio and image formats are listed so that they are recognised and rejected as not_video instead of as corrupt.
    internal const string FormatWhitelist =
        "mov,mp4,matroska,webm,avi,flv,mpegts,mpeg,mpegvideo,asf,ogg,mxf,dv,m4v,h264,hevc,3gp,ivf,"
        + "mp3,wav,aac,flac,png_pipe,jpeg_pipe,webp_pipe,bmp_pipe,tiff_pipe,gif,image2";

    public async Task<ProbeResult> ProbeAsync(string path, TimeSpan maxDuration, CancellationToken cancellationToken)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        if (!file.Exists || file.Length == 0)
        {
            return ProbeResult.Reject(RejectionReason.Empty, file.Exists ? "The file is empty." : "The file does not exist.");
        }

        string[] arguments =
        [
            "-v", "error", "-format_whitelist", FormatWhitelist,
            "-print_format", "json", "-show_format", "-show_streams", file.FullName,
        ];
        var run = await ToolProcess.RunAsync(tools.FfprobePath, arguments, null, null, cancellationToken).ConfigureAwait(false);
        if (!run.Succeeded)
        {
            return run.StandardErrorTail.Contains("not on whitelist", StringComparison.Ordinal)
                ? ProbeResult.Reject(RejectionReason.NotVideo, "The file is not in a video container we accept.")
                : ProbeResult.Reject(RejectionReason.Corrupt, $"The file cannot be read as media: {run.LastError}");
        }

        ProbeResult result;
        try
        {
            result = ProbeClassifier.Classify(run.StandardOutput, file.Length, maxDuration);
        }
        catch (JsonException)
        {
            return ProbeResult.Reject(RejectionReason.Corrupt, "ffprobe could not describe the file.");
        }

        return result is ProbeResult.Accepted accepted
            ? await DecodeCheckAsync(file.FullName, accepted.Source, cancellationToken).ConfigureAwait(false) ?? result
            : result;
    }

    // A file whose header is intact but whose data is cut off probes fine; decoding its first and last second
    // catches that (and a missing decoder) for the price of two short ffmpeg runs.
    private async Task<ProbeResult?> DecodeCheckAsync(string path, SourceInfo source, CancellationToken cancellationToken)
    {
        var tailStart = Math.Max(0, source.Duration.TotalSeconds - 1.5);
        string?[] starts = [null, tailStart > 1 ? tailStart.ToString("0.###", CultureInfo.InvariantCulture) : null];
        foreach (var start in starts.Distinct())
        {
            var run = await ToolProcess.RunAsync(tools.FfmpegPath, DecodeCheckArguments(path, source.Demuxer, start), null, null, cancellationToken)
                .ConfigureAwait(false);
            if (run.Succeeded)
            {
                continue;
            }

            return run.StandardErrorTail.Contains("Decoder", StringComparison.Ordinal) && run.StandardErrorTail.Contains("not found", StringComparison.Ordinal)
                ? ProbeResult.Reject(RejectionReason.UnsupportedCodec, $"No decoder for the video codec {source.VideoCodec}.")
                : ProbeResult.Reject(RejectionReason.Corrupt, $"The video does not decode: {run.LastError}");
        }

        return null;
    }

    internal static IReadOnlyList<string> DecodeCheckArguments(string path, string demuxer, string? start)
    {
        List<string> arguments = ["-hide_banner", "-nostdin", "-v", "error", "-xerror"];
        // The head check decodes one second; the tail check runs to the end so a cut-off last packet is noticed too.
        arguments.AddRange(start is null ? ["-t", "1"] : ["-ss", start]);
        arguments.AddRange(["-f", demuxer, "-i", path, "-map", "0:v:0", "-f", "null", "-"]);
        return arguments;
    }
}
