using System.Globalization;
using System.Text;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>
/// The ffmpeg argument list of a live session: FLV on stdin, one MPEG-TS HLS variant per rung in the working
/// folder (<c>{rung}/index.m3u8</c> listing every segment; the packager builds the sliding window). Pure.
/// </summary>
public static class LiveHlsArguments
{
    private static readonly HashSet<string> Presets = new(StringComparer.Ordinal)
    {
        "ultrafast", "superfast", "veryfast", "faster", "fast", "medium",
    };

    /// <param name="startNumber">First segment number: non-zero when a reconnect resumes a session.</param>
    public static IReadOnlyList<string> Build(LiveLadder ladder, string preset, int startNumber)
    {
        if (!Presets.Contains(preset))
        {
            throw new ArgumentException($"Unsupported live x264 preset '{preset}'.", nameof(preset));
        }

        var rungs = ladder.Rungs;
        var encoded = rungs.Where(r => !r.Copy).ToList();
        List<string> args = ["-hide_banner", "-nostdin", "-v", "error", "-nostats", .. MediaInput.Pipe("flv")];
        if (encoded.Count > 0)
        {
            args.AddRange(["-filter_complex", FilterGraph(rungs)]);
        }

        for (var i = 0; i < rungs.Count; i++)
        {
            args.AddRange(["-map", rungs[i].Copy ? "0:v:0" : $"[v{i}]"]);
            if (ladder.HasAudio)
            {
                args.AddRange(["-map", "0:a:0"]);
            }
        }

        if (encoded.Count > 0)
        {
            // Keyframes where the source has them: the re-encoded rungs cut their segments at the same instants.
            args.AddRange(["-c:v", "libx264", "-preset", preset, "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-force_key_frames", "source"]);
        }

        for (var i = 0; i < rungs.Count; i++)
        {
            var r = rungs[i];
            args.AddRange(r.Copy
                ? [$"-c:v:{i}", "copy"]
                : [$"-b:v:{i}", Kbps(r.VideoKbps), $"-maxrate:v:{i}", Kbps(r.VideoKbps * 11 / 10), $"-bufsize:v:{i}", Kbps(r.VideoKbps * 2)]);
        }

        if (ladder.HasAudio)
        {
            args.AddRange(ladder.CopyAudio ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", Kbps(ladder.AudioKbps), "-ac", "2", "-ar", "48000"]);
        }

        args.AddRange([
            "-f", "hls", "-hls_time", Invariant(ladder.SegmentSeconds), "-hls_list_size", "0",
            "-hls_segment_type", "mpegts", "-hls_flags", "independent_segments+temp_file",
            "-start_number", Invariant(startNumber), "-hls_segment_filename", "%v/seg_%05d.ts",
            "-var_stream_map", VarStreamMap(ladder), "%v/index.m3u8",
        ]);
        return args;
    }

    private static string FilterGraph(IReadOnlyList<LiveRung> rungs)
    {
        var encoded = Enumerable.Range(0, rungs.Count).Where(i => !rungs[i].Copy).ToList();
        var graph = new StringBuilder();
        graph.Append(CultureInfo.InvariantCulture, $"[0:v:0]split={encoded.Count}");
        foreach (var i in encoded)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[s{i}]");
        }

        foreach (var i in encoded)
        {
            var r = rungs[i];
            var scale = r.Width > 0 && r.Height > 0 ? $"scale={r.Width}:{r.Height}," : "";
            graph.Append(CultureInfo.InvariantCulture, $";[s{i}]{scale}setsar=1[v{i}]");
        }

        return graph.ToString();
    }

    private static string VarStreamMap(LiveLadder ladder) => string.Join(' ', ladder.Rungs.Select((r, i) =>
        ladder.HasAudio ? $"v:{i},a:{i},name:{r.Name}" : $"v:{i},name:{r.Name}"));

    private static string Kbps(int kbps) => Invariant(kbps) + "k";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
