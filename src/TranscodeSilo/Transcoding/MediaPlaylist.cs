using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>The bits of an HLS media playlist we need: the init segment and each segment's URI and duration. Pure.</summary>
public sealed record MediaPlaylist(string? MapUri, IReadOnlyList<(string Uri, double Duration)> Segments)
{
    private const string MapPrefix = "#EXT-X-MAP:URI=\"";
    private const string EventType = "#EXT-X-PLAYLIST-TYPE:EVENT";

    /// <summary>Players start a growing playlist at its beginning rather than at its live edge.</summary>
    public const string StartAtBeginning = "#EXT-X-START:TIME-OFFSET=0";

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

    /// <summary>
    /// The encoder's EVENT playlist as published while it still grows: the init segment under <paramref name="mapUri"/>,
    /// and a start at the beginning, so a viewer of a video still processing watches it from its first second.
    /// </summary>
    public static string Growing(string text, string mapUri) => string.Join('\n', WithMapUri(text, mapUri).Split('\n')
        .SelectMany(line => line.Trim() == EventType ? [line, StartAtBeginning] : new[] { line }));

    /// <summary>The encoder's finished EVENT playlist as a VOD playlist: it will not change again.</summary>
    public static string Finished(string text, string mapUri) => string.Join('\n', WithMapUri(text, mapUri).Split('\n')
        .Select(line => line.Trim() == EventType ? "#EXT-X-PLAYLIST-TYPE:VOD" : line));

    /// <summary>Points the playlist's EXT-X-MAP at another init segment name, leaving every other line alone.</summary>
    public static string WithMapUri(string text, string mapUri) => string.Join('\n', text.Split('\n').Select(line =>
        line.StartsWith(MapPrefix, StringComparison.Ordinal) ? $"{MapPrefix}{mapUri}\"" : line));
}
