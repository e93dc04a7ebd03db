using System.Globalization;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Ingest.Recording;

/// <summary>A rung of the live master as the recording sees it.</summary>
public sealed record RecordedRung(string Name, int Width, int Height, long Bandwidth);

/// <summary>Turns a session's live master into the recording's master. Pure.</summary>
public static class RecordingPlaylists
{
    /// <summary>The rungs named by a live master (URIs "{session}/{rung}/live.m3u8"), in its order.</summary>
    public static IReadOnlyList<RecordedRung> Rungs(string liveMaster)
    {
        var rungs = new List<RecordedRung>();
        string? info = null;
        foreach (var raw in liveMaster.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                info = line["#EXT-X-STREAM-INF:".Length..];
            }
            else if (line.Length > 0 && line[0] != '#' && info is not null)
            {
                var parts = line.Split('/');
                if (parts.Length == 3)
                {
                    var (width, height) = Resolution(Attribute(info, "RESOLUTION"));
                    _ = long.TryParse(Attribute(info, "BANDWIDTH"), NumberStyles.None, CultureInfo.InvariantCulture, out var bandwidth);
                    rungs.Add(new RecordedRung(parts[1], width, height, bandwidth));
                }

                info = null;
            }
        }

        return rungs;
    }

    public static string Master(IEnumerable<RecordedRung> rungs)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var r in rungs)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={Math.Max(1, r.Bandwidth)}");
            if (r.Width > 0 && r.Height > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $",RESOLUTION={r.Width}x{r.Height}");
            }

            text.Append(CultureInfo.InvariantCulture, $"\n{r.Name}/index.m3u8\n");
        }

        return text.ToString();
    }

    private static string? Attribute(string info, string name)
    {
        foreach (var pair in info.Split(','))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name)
            {
                return pair[(eq + 1)..].Trim('"');
            }
        }

        return null;
    }

    private static (int Width, int Height) Resolution(string? value)
    {
        var parts = value?.Split('x');
        return parts is [var w, var h]
            && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            ? (width, height)
            : (0, 0);
    }
}
