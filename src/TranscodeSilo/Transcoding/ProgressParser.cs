using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Reads ffmpeg's "-progress" key=value lines and turns them into a percentage of the source duration. Pure.</summary>
public static class ProgressParser
{
    /// <returns>0-100 when the line moves progress; null for every other key.</returns>
    public static double? Percent(string line, TimeSpan duration)
    {
        if (line == "progress=end")
        {
            return 100;
        }

        const string key = "out_time_us=";
        if (!line.StartsWith(key, StringComparison.Ordinal) || duration <= TimeSpan.Zero
            || !long.TryParse(line.AsSpan(key.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
        {
            return null;
        }

        return Math.Clamp(micros / duration.TotalMicroseconds * 100, 0, 100);
    }
}
