using System.Globalization;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Builds ffmpeg argument lists. Pure: outputs are relative to the working folder ffmpeg runs in.</summary>
public static class FfmpegArguments
{
    private static readonly HashSet<string> Presets = new(StringComparer.Ordinal)
    {
        "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow",
    };

    /// <summary>
    /// One process for the whole job: decode once, split, scale per rung, encode and mux into fMP4 HLS, and grab the
    /// poster and the storyboard sprite from the same decoded frames.
    /// </summary>
    public static IReadOnlyList<string> Hls(string inputPath, SourceInfo source, LadderPlan plan, TranscodeOptions options)
    {
        if (!Presets.Contains(options.Preset))
        {
            throw new ArgumentException($"Unknown x264 preset '{options.Preset}'.", nameof(options));
        }

        var rungs = plan.Rungs;
        List<string> args =
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-nostats", "-progress", "pipe:1",
            .. MediaInput.File(source.Demuxer, Path.GetFullPath(inputPath)),
            "-filter_complex", FilterGraph(source, plan, StoryboardPlan.For(source, options.StoryboardInterval)),
        ];
        for (var i = 0; i < rungs.Count; i++)
        {
            args.AddRange(["-map", $"[v{i}]"]);
            if (plan.HasAudio)
            {
                args.AddRange(["-map", "0:a:0"]);
            }
        }

        args.AddRange(["-c:v", "libx264", "-preset", options.Preset]);
        if (options.Threads is { } threads)
        {
            args.AddRange(["-threads", Invariant(Math.Max(0, threads))]);
        }

        // Every rung cuts a keyframe at the same instants, so players can switch rungs at any segment boundary.
        var gop = Invariant(plan.GopFrames);
        args.AddRange(["-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-force_key_frames", $"expr:gte(t,n_forced*{LadderPlan.SegmentSeconds})"]);
        for (var i = 0; i < rungs.Count; i++)
        {
            var r = rungs[i];
            args.AddRange([$"-b:v:{i}", Kbps(r.VideoBitrateKbps), $"-maxrate:v:{i}", Kbps(r.MaxrateKbps),
                $"-bufsize:v:{i}", Kbps(r.BufsizeKbps), $"-profile:v:{i}", r.Profile]);
        }

        if (plan.HasAudio)
        {
            args.AddRange(["-c:a", "aac", "-ac", "2", "-ar", "48000"]);
            for (var i = 0; i < rungs.Count; i++)
            {
                args.AddRange([$"-b:a:{i}", Kbps(rungs[i].AudioBitrateKbps)]);
            }
        }

        // EVENT: ffmpeg rewrites each playlist (atomically, by rename) after every segment, so a video can be published
        // and watched while it encodes; a VOD playlist would be written once, at the end. The finisher marks it VOD.
        args.AddRange([
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-f", "hls", "-hls_time", Invariant(LadderPlan.SegmentSeconds), "-hls_playlist_type", "event",
            "-hls_segment_type", "fmp4", "-hls_flags", "independent_segments",
            "-master_pl_name", "master.m3u8", "-hls_segment_filename", "%v/seg_%05d.m4s",
            "-var_stream_map", VarStreamMap(plan), "%v/index.m3u8",
        ]);
        args.AddRange(ThumbnailArguments.Outputs());
        return args;
    }

    // Frame rate and pixel format are normalised once, before the split; ffmpeg's autorotation has already
    // turned the picture upright, so each rung scales to display dimensions and carries no rotation.
    private static string FilterGraph(SourceInfo source, LadderPlan plan, StoryboardPlan storyboard)
    {
        var graph = new StringBuilder();
        graph.Append(CultureInfo.InvariantCulture, $"[0:v:0]fps={plan.FrameRate},format=yuv420p,split={plan.Rungs.Count + 2}");
        for (var i = 0; i < plan.Rungs.Count; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[s{i}]");
        }

        graph.Append("[sp][ss]");

        for (var i = 0; i < plan.Rungs.Count; i++)
        {
            var r = plan.Rungs[i];
            graph.Append(CultureInfo.InvariantCulture, $";[s{i}]scale={r.Width}:{r.Height},setsar=1[v{i}]");
        }

        graph.Append(CultureInfo.InvariantCulture, $";[sp]{ThumbnailArguments.PosterFilter(source)}[{ThumbnailArguments.PosterLabel}]");
        graph.Append(CultureInfo.InvariantCulture, $";[ss]{ThumbnailArguments.StoryboardFilter(storyboard)}[{ThumbnailArguments.StoryboardLabel}]");
        return graph.ToString();
    }

    private static string VarStreamMap(LadderPlan plan) => string.Join(' ', plan.Rungs.Select((r, i) =>
        plan.HasAudio ? $"v:{i},a:{i},name:{r.Name}" : $"v:{i},name:{r.Name}"));

    internal static string Kbps(int kbps) => Invariant(kbps) + "k";

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
