using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Builds the poster and storyboard ffmpeg argument lists. Pure.</summary>
public static class ThumbnailArguments
{
    public const int PosterMaxWidth = 1280;

    /// <summary>A single JPEG frame from ~10% into the source (past black intros), at most 1280 wide.</summary>
    public static IReadOnlyList<string> Poster(string inputPath, SourceInfo source, string outputFile)
    {
        var width = Math.Min(PosterMaxWidth, source.Width) / 2 * 2;
        var height = Math.Max(2, (int)Math.Round((double)width * source.Height / source.Width / 2) * 2);
        var at = (source.Duration.TotalSeconds * 0.1).ToString("0.###", CultureInfo.InvariantCulture);
        return
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error",
            "-ss", at, "-f", source.Demuxer, "-i", Path.GetFullPath(inputPath),
            "-map", "0:v:0", "-frames:v", "1", "-vf", $"scale={width}:{height},setsar=1",
            "-q:v", "3", "-update", "1", outputFile,
        ];
    }

    /// <summary>
    /// The storyboard sprite, read from an already encoded (small) rendition: decoding 240p is far cheaper than
    /// decoding the source a second time.
    /// </summary>
    public static IReadOnlyList<string> Storyboard(string renditionPlaylist, StoryboardPlan plan, string outputFile)
    {
        var interval = plan.IntervalSeconds.ToString(CultureInfo.InvariantCulture);
        return
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-i", renditionPlaylist,
            "-map", "0:v:0",
            "-vf", $"fps=1/{interval},scale={plan.TileWidth}:{plan.TileHeight},setsar=1,tile={plan.Columns}x{plan.Rows}",
            "-frames:v", "1", "-q:v", "5", "-update", "1", outputFile,
        ];
    }
}
