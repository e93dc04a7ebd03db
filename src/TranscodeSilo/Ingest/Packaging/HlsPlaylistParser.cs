using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>Reads the segments of a media playlist (ours or FFmpeg's). Pure; unknown tags are skipped.</summary>
public static class HlsPlaylistParser
{
    public static IReadOnlyList<LiveSegment> Parse(string text)
    {
        var segments = new List<LiveSegment>();
        var sequence = 0;
        double? duration = null;
        var discontinuity = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))
            {
                sequence = int.TryParse(line.AsSpan("#EXT-X-MEDIA-SEQUENCE:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            }
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var value = line["#EXTINF:".Length..].Split(',')[0];
                duration = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : null;
            }
            else if (line == "#EXT-X-DISCONTINUITY")
            {
                discontinuity = true;
            }
            else if (line.Length > 0 && line[0] != '#' && duration is { } length)
            {
                segments.Add(new LiveSegment(sequence + segments.Count, length, line, discontinuity));
                duration = null;
                discontinuity = false;
            }
        }

        return segments;
    }
}
