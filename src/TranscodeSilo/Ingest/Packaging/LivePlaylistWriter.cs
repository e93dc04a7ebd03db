using System.Globalization;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>Writes live and recorded playlists. Pure.</summary>
public static class LivePlaylistWriter
{
    /// <summary>
    /// The sliding window viewers poll (last <paramref name="window"/> segments); <paramref name="ended"/> once the
    /// streamer unpublished, so players play out the window and stop instead of polling a playlist that went away.
    /// </summary>
    public static string Window(IReadOnlyList<LiveSegment> all, int window, bool ended = false) =>
        Media(all.Skip(Math.Max(0, all.Count - window)).ToList(), all, type: null, ended);

    /// <summary>Every segment so far (an EVENT playlist): the index a recording is built from, even after a crash.</summary>
    public static string Event(IReadOnlyList<LiveSegment> all) => Media(all, all, "EVENT", ended: false);

    /// <summary>The finished recording.</summary>
    public static string Vod(IReadOnlyList<LiveSegment> all) => Media(all, all, "VOD", ended: true);

    /// <param name="uriOf">Where the master points for a rung (live: "{session}/{rung}/live.m3u8").</param>
    public static string Master(IReadOnlyList<LiveRung> rungs, bool hasAudio, int audioKbps, Func<LiveRung, string> uriOf)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var rung in rungs)
        {
            var bandwidth = (long)(rung.VideoKbps + (hasAudio ? audioKbps : 0)) * 1100;
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth}");
            if (rung.Width > 0 && rung.Height > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $",RESOLUTION={rung.Width}x{rung.Height}");
            }

            text.Append('\n').Append(uriOf(rung)).Append('\n');
        }

        return text.ToString();
    }

    private static string Media(IReadOnlyList<LiveSegment> shown, IReadOnlyList<LiveSegment> all, string? type, bool ended)
    {
        var target = shown.Count == 0 ? 2 : (int)Math.Ceiling(shown.Max(s => s.Duration) - 0.001);
        var first = shown.Count == 0 ? all.Count : shown[0].Sequence;
        var discontinuitiesBefore = all.Count(s => s.Discontinuity && s.Sequence < first);
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{Math.Max(1, target)}\n#EXT-X-MEDIA-SEQUENCE:{first}\n");
        if (discontinuitiesBefore > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-DISCONTINUITY-SEQUENCE:{discontinuitiesBefore}\n");
        }

        if (type is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-PLAYLIST-TYPE:{type}\n");
        }

        text.Append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var s in shown)
        {
            if (s.Discontinuity && s.Sequence > 0)
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{s.Duration:0.000},\n{s.Uri}\n");
        }

        if (ended)
        {
            text.Append("#EXT-X-ENDLIST\n");
        }

        return text.ToString();
    }
}
