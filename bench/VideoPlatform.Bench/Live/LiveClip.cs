using System.Globalization;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Live;

/// <summary>
/// A pre-encoded H.264 + AAC stream in FLV with a keyframe every 2 s (25 fps, fixed GOP), published with -re and
/// -c copy: the publisher costs next to no CPU and paces frames in real time, like an encoder in the field.
/// FLV rather than MP4 so that one publisher can also feed a local HLS muxer through ffmpeg's tee (MP4's avc1 tag
/// does not pass into FLV).
/// </summary>
public static class LiveClip
{
    public static async Task<string> GenerateAsync(string folder, int width, int height, int videoKbps, TimeSpan length)
    {
        var seconds = (int)Math.Ceiling(length.TotalSeconds);
        var path = Path.Combine(folder, $"live-{height}p-{videoKbps}k-{seconds}s.flv");
        if (File.Exists(path))
        {
            return path;
        }

        var (code, _, stderr) = await Processes.RunAsync("ffmpeg",
        [
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
            "-b:v", $"{videoKbps}k", "-maxrate", $"{videoKbps}k", "-bufsize", $"{videoKbps * 2}k",
            "-c:a", "aac", "-b:a", "96k", "-ac", "2", path,
        ]);
        return code == 0 ? path : throw new InvalidOperationException($"could not generate the live clip: {stderr.Trim()}");
    }
}
