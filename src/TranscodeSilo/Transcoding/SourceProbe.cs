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

    public async Task<ProbeResult> ProbeAsync(string path, ProbeLimits limits, CancellationToken cancellationToken)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        if (!file.Exists || file.Length == 0)
        {
            return ProbeResult.Reject(RejectionReason.Empty, file.Exists ? "The file is empty." : "The file does not exist.");
        }

        var run = await ToolProcess.RunAsync(tools.FfprobePath, [.. Input(file), "-print_format", "json", "-show_format", "-show_streams"], null, null, cancellationToken)
            .ConfigureAwait(false);
        if (!run.Succeeded)
        {
            return run.StandardErrorTail.Contains("not on whitelist", StringComparison.Ordinal)
                ? ProbeResult.Reject(RejectionReason.NotVideo, "The file is not in a video container we accept.")
                : await IsTextAsync(file, cancellationToken).ConfigureAwait(false)
                    ? ProbeResult.Reject(RejectionReason.NotVideo, "The file is text, not a video.")
                    : ProbeResult.Reject(RejectionReason.Corrupt, $"The file cannot be read as media: {run.LastError}");
        }

        // A demux-only pass (no decoding) over the video packets: the length of files whose header states none, and
        // whether the data holds the frames the header declares. Whether they decode is judged by the ladder encode
        // itself (see EncodeRejections): a decode pass here would cost more than a second per video.
        var scan = new PacketScan.Builder();
        // A pass that stops at damaged data still counted every packet before it, which is what the checks need.
        await ToolProcess.RunAsync(tools.FfprobePath, [.. Input(file), .. PacketScan.Entries], null, scan.Add, cancellationToken).ConfigureAwait(false);
        try
        {
            return ProbeClassifier.Classify(run.StandardOutput, file.Length, limits, scan.Build());
        }
        catch (JsonException)
        {
            return ProbeResult.Reject(RejectionReason.Corrupt, "ffprobe could not describe the file.");
        }
    }

    private static string[] Input(FileInfo file) =>
        ["-v", "error", "-protocol_whitelist", MediaInput.FileProtocols, "-format_whitelist", FormatWhitelist, "-i", file.FullName];

    private static async Task<bool> IsTextAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var sample = new byte[(int)Math.Min(file.Length, TextSniff.SampleBytes)];
        await using var stream = file.OpenRead();
        var read = await stream.ReadAtLeastAsync(sample, sample.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return TextSniff.LooksLikeText(sample.AsSpan(0, read));
    }
}
