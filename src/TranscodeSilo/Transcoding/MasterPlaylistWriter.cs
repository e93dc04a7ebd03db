using System.Globalization;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>A finished rendition with what was measured from its segments (bits per second).</summary>
public sealed record RenditionStats(Rung Rung, string PlaylistUri, long PeakBitrate, long AverageBitrate, string VideoCodec);

/// <summary>
/// Writes the master playlist. ffmpeg 5.1 leaves out AVERAGE-BANDWIDTH and FRAME-RATE and reports a guessed
/// BANDWIDTH, so we write our own from the plan and the measured segments. Pure.
/// </summary>
public static class MasterPlaylistWriter
{
    public const string AacLowComplexity = "mp4a.40.2";

    public static string Write(IReadOnlyList<RenditionStats> renditions, FrameRate frameRate, bool hasAudio)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        var fps = frameRate.Value.ToString("0.000", CultureInfo.InvariantCulture);
        foreach (var r in renditions)
        {
            var codecs = hasAudio ? $"{r.VideoCodec},{AacLowComplexity}" : r.VideoCodec;
            text.Append(CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={r.PeakBitrate},AVERAGE-BANDWIDTH={r.AverageBitrate},RESOLUTION={r.Rung.Width}x{r.Rung.Height},CODECS=\"{codecs}\",FRAME-RATE={fps}\n");
            text.Append(r.PlaylistUri).Append('\n');
        }

        return text.ToString();
    }
}
