namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

/// <summary>
/// Assembles an expected HLS argument list from literal pieces: the fixed head and tail never vary, the middle
/// (filter graph, encoder settings, stream map) is spelled out by each test.
/// </summary>
internal static class Expected
{
    public static string[] Hls(string ladderGraph, bool audio, string[] encoding, string varStreamMap, string thumbnailGraph)
    {
        var rungs = varStreamMap.Split(' ').Length;
        var maps = Enumerable.Range(0, rungs).SelectMany(i => audio ? new[] { "-map", $"[v{i}]", "-map", "0:a:0" } : ["-map", $"[v{i}]"]);
        return
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-nostats", "-progress", "pipe:1",
            "-protocol_whitelist", "file", "-f", "mov", "-i", "/media/in/source.mp4", "-filter_complex", ladderGraph + thumbnailGraph,
            .. maps,
            .. encoding,
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "event", "-hls_segment_type", "fmp4",
            "-hls_flags", "independent_segments", "-master_pl_name", "master.m3u8",
            "-hls_segment_filename", "%v/seg_%05d.m4s", "-var_stream_map", varStreamMap, "%v/index.m3u8",
            "-map", "[poster]", "-fps_mode", "passthrough", "-frames:v", "2", "-q:v", "3", "-update", "1", "poster.jpg",
            "-map", "[storyboard]", "-fps_mode", "passthrough", "-c:v", "rawvideo", "-f", "nut", "storyboard-tiles.nut",
        ];
    }

    /// <summary>The poster and storyboard branches for a 10 s source: poster at 1 s, two 5 s tiles side by side.</summary>
    public static string Thumbnails(string poster, string tile) =>
        $@";[sp]setpts=PTS-STARTPTS,select=eq(n\,0)+gte(t\,1),scale={poster},setsar=1[poster]"
        + $@";[ss]setpts=PTS-STARTPTS,select=gte(t\,selected_n*5),scale={tile},setsar=1[storyboard]";
}
