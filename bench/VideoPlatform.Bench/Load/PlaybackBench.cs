using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

/// <summary>
/// Figure 4: an HLS segment (the one nearest 1 MiB) and its media playlist through the Api's /play route
/// against nginx serving the very same files from the store's folder.
/// </summary>
public static class PlaybackBench
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, PlatformProcess platform, string videoId, Workspace work)
    {
        var objects = Path.Combine(platform.StoreRoot, "objects");
        var hls = Path.Combine(objects, "vod", videoId, "hls");
        var segment = Directory.EnumerateFiles(hls, "seg_*.m4s", SearchOption.AllDirectories)
            .MinBy(f => Math.Abs(new FileInfo(f).Length - (1 << 20))) ?? throw new InvalidOperationException($"no segments under {hls}");
        var segmentPath = Path.GetRelativePath(hls, segment).Replace(Path.DirectorySeparatorChar, '/');
        var playlistPath = segmentPath[..segmentPath.LastIndexOf('/')] + "/index.m3u8";
        var kib = new FileInfo(segment).Length / 1024;
        var apiPid = ProcessCpu.Find(Path.Combine(options.RepoRoot, "src", "Api", "bin"), "VideoPlatform.Api.dll");
        IReadOnlyList<int> ApiPids() => apiPid is { } p ? [p] : [];

        await using var nginx = await Nginx.StartAsync(objects, work.Fresh("nginx"));
        var figures = new List<Figure>();
        foreach (var (what, path, label) in new[] { ("segment", segmentPath, $"segment {segmentPath}, {kib} KiB"), ("playlist", playlistPath, $"playlist {playlistPath}") })
        {
            var comparison = await LoadComparison.RunAsync(
                options,
                what,
                new LoadSide("Api /play", new Uri(platform.Api, $"/play/{videoId}/{path}"), new Dictionary<string, Func<IReadOnlyList<int>>> { ["Api"] = ApiPids }),
                new LoadSide("nginx", new Uri(nginx.Base, $"/vod/{videoId}/hls/{path}"), new Dictionary<string, Func<IReadOnlyList<int>>> { ["nginx"] = () => nginx.Pids }));
            var id = what == "segment" ? "4a" : "4c";
            figures.Add(comparison.RequestsFigure(id, $"{id} Playback {label}: requests/s", Goal.AtLeast(0.8)));
            var latencyId = what == "segment" ? "4b" : "4d";
            figures.Add(comparison.LatencyFigure(latencyId, $"{latencyId} Playback {what}: p99 latency (ratio > 1 = slower)"));
        }

        return figures;
    }
}
