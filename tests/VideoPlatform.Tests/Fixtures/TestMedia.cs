using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>Generates test clips with the real ffmpeg and reads facts back with the real ffprobe.</summary>
public static class TestMedia
{
    public static async Task<string> ClipAsync(string folder, int width, int height, int seconds, int fps = 30, bool audio = true)
    {
        var path = Path.Combine(folder, $"clip-{width}x{height}-{seconds}s-{fps}{(audio ? "" : "-silent")}.mp4");
        List<string> args = ["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={fps}"];
        if (audio)
        {
            args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"]);
        }

        args.AddRange(["-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
        if (audio)
        {
            args.AddRange(["-c:a", "aac", "-ac", "2"]);
        }

        args.Add(path);
        var run = await ToolProcess.RunAsync("ffmpeg", args, null, null, CancellationToken.None);
        Assert.True(run.Succeeded, run.StandardErrorTail);
        return path;
    }

    /// <summary>ffprobe of a URL or file: (width, height, duration seconds) of the first video stream, after a full decode check.</summary>
    public static async Task<(int Width, int Height, double Duration)> ProbeAsync(string input)
    {
        var run = await ToolProcess.RunAsync(
            "ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:format=duration", "-of", "csv=p=0:nk=1", input],
            null, null, CancellationToken.None);
        Assert.True(run.Succeeded, run.StandardErrorTail);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = lines[0].Split(',');
        var decode = await ToolProcess.RunAsync("ffmpeg", ["-v", "error", "-nostdin", "-i", input, "-f", "null", "-"], null, null, CancellationToken.None);
        Assert.True(decode.Succeeded && decode.StandardErrorTail.Trim().Length == 0, $"decode errors: {decode.StandardErrorTail}");
        return (int.Parse(dims[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(dims[1], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(lines[^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
