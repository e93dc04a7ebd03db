using System.Globalization;

namespace VideoPlatform.ProcessHosts;

/// <summary>A small generated clip (320x240 test pattern and a tone, H.264/AAC): cheap to upload and to encode under load.</summary>
public static class SmallClip
{
    public static async Task<string> CreateAsync(string folder, int seconds)
    {
        var path = Path.Combine(folder, $"small-{seconds}s.mp4");
        await Tool.RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", path]);
        return path;
    }
}
