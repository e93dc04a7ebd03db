namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>A rendition as published; <see cref="PlaylistPath"/> is relative to the output folder, with '/' separators.</summary>
public sealed record TranscodedRendition(string Name, int Width, int Height, long Bitrate, double FrameRate, string PlaylistPath);

/// <summary>Everything a transcode produced. Paths are relative to the output folder, ready to become object keys.</summary>
public sealed record TranscodeResult(
    SourceInfo Source,
    TimeSpan Duration,
    IReadOnlyList<TranscodedRendition> Renditions,
    string MasterPlaylistPath,
    string PosterPath,
    string StoryboardPath,
    string StoryboardVttPath);

public abstract record TranscodeOutcome
{
    private TranscodeOutcome()
    {
    }

    public sealed record Transcoded(TranscodeResult Result) : TranscodeOutcome;

    /// <summary>The source is not something we can turn into a video; retrying will not help.</summary>
    public sealed record Rejected(MediaRejection Rejection) : TranscodeOutcome;
}
