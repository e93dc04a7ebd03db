namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>What ffprobe says about an accepted source. Width and height are as displayed (rotation and pixel aspect applied).</summary>
public sealed record SourceInfo(
    string FormatName,
    TimeSpan Duration,
    int Width,
    int Height,
    int Rotation,
    FrameRate FrameRate,
    bool IsVariableFrameRate,
    string VideoCodec,
    string? PixelFormat,
    string? AudioCodec,
    int AudioChannels,
    long Bitrate,
    long Size)
{
    public bool HasAudio => AudioCodec is not null;

    /// <summary>The video stream's own length when the container records it; audio may run longer than the picture.</summary>
    public TimeSpan? VideoDuration { get; init; }

    /// <summary>The demuxer to pin for later passes, so ffmpeg cannot re-detect the file as something else.</summary>
    public string Demuxer => FormatName.Split(',')[0];
}
