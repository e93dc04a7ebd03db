using System.Globalization;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Transcode;

/// <summary>A generated 1080p30 clip with stereo audio, like a phone upload (H.264 + AAC in MP4).</summary>
public static class TestClip
{
    public static async Task<string> Generate1080pAsync(string folder, int seconds)
    {
        var path = Path.Combine(folder, $"clip-1080p-{seconds}s.mp4");
        if (File.Exists(path))
        {
            return path;
        }

        var (code, _, stderr) = await Processes.RunAsync("ffmpeg",
        [
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "8M", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "2", "-movflags", "+faststart", path,
        ]);
        return code == 0 ? path : throw new InvalidOperationException($"could not generate the test clip: {stderr.Trim()}");
    }
}
