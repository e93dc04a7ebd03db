using System.Globalization;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>A finished rendition with what was measured from its segments (bits per second).</summary>
public sealed record RenditionStats(Rung Rung, string PlaylistUri, long PeakBitrate, long AverageBitrate, string VideoCodec)
{
    /// <summary>
    /// Before a rendition is finished its segments cannot be measured: the plan's ceiling (maxrate) and target stand in,
    /// with the codec string the init segment already holds.
    /// </summary>
    public static RenditionStats Planned(Rung rung, string videoCodec, bool hasAudio)
    {
        var audio = hasAudio ? rung.AudioBitrateKbps : 0;
        return new RenditionStats(rung, $"{rung.Name}/index.m3u8", (rung.MaxrateKbps + audio) * 1000L, (rung.VideoBitrateKbps + audio) * 1000L, videoCodec);
    }
}

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
