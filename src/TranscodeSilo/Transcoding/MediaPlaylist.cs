using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>The bits of an HLS media playlist we need: the init segment and each segment's URI and duration. Pure.</summary>
public sealed record MediaPlaylist(string? MapUri, IReadOnlyList<(string Uri, double Duration)> Segments)
{
    private const string MapPrefix = "#EXT-X-MAP:URI=\"";

    public static MediaPlaylist Parse(string text)
    {
        string? map = null;
        var segments = new List<(string, double)>();
        double? pending = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith(MapPrefix, StringComparison.Ordinal))
            {
                map = line[MapPrefix.Length..].Split('"')[0];
            }
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var value = line["#EXTINF:".Length..].Split(',')[0];
                pending = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            else if (line.Length > 0 && line[0] != '#' && pending is { } duration)
            {
                segments.Add((line, duration));
                pending = null;
            }
        }

        return new MediaPlaylist(map, segments);
    }

    /// <summary>Points the playlist's EXT-X-MAP at another init segment name, leaving every other line alone.</summary>
    public static string WithMapUri(string text, string mapUri) => string.Join('\n', text.Split('\n').Select(line =>
        line.StartsWith(MapPrefix, StringComparison.Ordinal) ? $"{MapPrefix}{mapUri}\"" : line));
}
