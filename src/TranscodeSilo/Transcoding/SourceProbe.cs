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

        // Whether the data decodes to the end is judged by the ladder encode itself (see EncodeRejections): a separate
        // decode pass here would cost more than a second per video.
        try
        {
            return ProbeClassifier.Classify(run.StandardOutput, file.Length, maxDuration);
        }
        catch (JsonException)
        {
            return ProbeResult.Reject(RejectionReason.Corrupt, "ffprobe could not describe the file.");
        }
    }
}
