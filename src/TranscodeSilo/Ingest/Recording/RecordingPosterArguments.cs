using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.TranscodeSilo.Ingest.Recording;

/// <summary>The ffmpeg arguments that grab a recording's poster from one of its live segments. Pure.</summary>
public static class RecordingPosterArguments
{
    /// <summary>Live segments are MPEG-TS (see LiveHlsArguments); the poster is written next to the segment.</summary>
    public const string SegmentDemuxer = "mpegts";

    public const string PosterFile = "poster.jpg";

    public static IReadOnlyList<string> Build(string segmentPath) =>
    [
        "-hide_banner", "-nostdin", "-y", "-v", "error", .. MediaInput.File(SegmentDemuxer, segmentPath),
        "-map", "0:v:0", "-frames:v", "1", "-vf", "scale='min(1280,iw)':-2,setsar=1", "-q:v", "3", "-update", "1", PosterFile,
    ];
}
