using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>
/// The poster and storyboard as two more branches of the ladder's filter graph and two more outputs of the same
/// ffmpeg process, so the source is decoded once for everything. Pure.
/// </summary>
public static class ThumbnailArguments
{
    public const int PosterMaxWidth = 1280;

    /// <summary>Written in the working folder next to the rendition folders; the transcoder files them under thumbs/.</summary>
    public const string PosterFile = "poster.jpg";

    public const string StoryboardFile = "storyboard.jpg";

    /// <summary>The storyboard's tiles as raw frames, laid out into <see cref="StoryboardFile"/> by <see cref="Sprite"/>.</summary>
    public const string TilesFile = "storyboard-tiles.nut";

    public const string PosterLabel = "poster";

    public const string StoryboardLabel = "storyboard";

    /// <summary>
    /// The first frame at ~10% into the source (past black intros), at most 1280 wide. Timestamps are rebased to zero
    /// first because some containers start at a non-zero time. Frame 0 is let through too and then overwritten: ffmpeg
    /// prints no progress until every output has its first frame, and the job's progress comes from that report.
    /// </summary>
    public static string PosterFilter(SourceInfo source)
    {
        var width = Math.Min(PosterMaxWidth, source.Width) / 2 * 2;
        var height = Math.Max(2, (int)Math.Round((double)width * source.Height / source.Width / 2) * 2);
        var at = (source.Duration.TotalSeconds * 0.1).ToString("0.###", CultureInfo.InvariantCulture);
        return $"setpts=PTS-STARTPTS,select=eq(n\\,0)+gte(t\\,{at}),scale={width}:{height},setsar=1";
    }

    /// <summary>
    /// The first frame at or after each multiple of the interval (0, 5, 10 s, ...), shrunk to a tile: exactly one
    /// per storyboard cue, however short the video (the fps filter yields none for a clip shorter than half an
    /// interval) and without drift at 29.97 fps. They are not tiled here: the tile filter would hold its one output
    /// frame until the end, and with it ffmpeg's progress report.
    /// </summary>
    public static string StoryboardFilter(StoryboardPlan plan)
    {
        var interval = plan.IntervalSeconds.ToString(CultureInfo.InvariantCulture);
        return $"setpts=PTS-STARTPTS,select=gte(t\\,selected_n*{interval}),scale={plan.TileWidth}:{plan.TileHeight},setsar=1";
    }

    /// <summary>
    /// The poster (its last frame wins) and the tiles as raw frames in NUT, which records their size. Passthrough
    /// timing: a constant-rate output would fill the gap after frame 0 with copies of it.
    /// </summary>
    public static IReadOnlyList<string> Outputs() =>
    [
        "-map", $"[{PosterLabel}]", "-fps_mode", "passthrough", "-frames:v", "2", "-q:v", "3", "-update", "1", PosterFile,
        "-map", $"[{StoryboardLabel}]", "-fps_mode", "passthrough", "-c:v", "rawvideo", "-f", "nut", TilesFile,
    ];

    /// <summary>Lays the tiles out left to right, top to bottom in one JPEG: a few kilobytes of input, a blink of work.</summary>
    public static IReadOnlyList<string> Sprite(StoryboardPlan plan) =>
    [
        "-hide_banner", "-nostdin", "-y", "-v", "error", .. MediaInput.File("nut", TilesFile),
        "-vf", $"tile={plan.Columns.ToString(CultureInfo.InvariantCulture)}x{plan.Rows.ToString(CultureInfo.InvariantCulture)}",
        "-frames:v", "1", "-q:v", "5", "-update", "1", StoryboardFile,
    ];
}
