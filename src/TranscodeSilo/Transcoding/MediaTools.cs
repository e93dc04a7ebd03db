namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Where the ffmpeg and ffprobe executables are; by default whatever PATH finds.</summary>
public sealed record MediaTools(string FfmpegPath = "ffmpeg", string FfprobePath = "ffprobe")
{
    public static MediaTools Default { get; } = new();
}
