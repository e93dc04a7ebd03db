using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;

namespace VideoPlatform.Bench.Load;

/// <summary>
/// Figure 5: GET /api/videos/{id} through the Api and the video grain (on the Silo, over the gateway) against a
/// bare Kestrel endpoint returning the same JSON bytes from memory.
/// </summary>
public static class MetadataBench
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, PlatformProcess platform, ApiClient api, string videoId)
    {
        var json = await api.Http.GetByteArrayAsync(new Uri($"/api/videos/{videoId}", UriKind.Relative));
        await using var bare = await BareKestrel.StartAsync(json);
        var apiPid = ProcessCpu.Find(Path.Combine(options.RepoRoot, "src", "Api", "bin"), "VideoPlatform.Api.dll");
        var siloPid = ProcessCpu.Find(Path.Combine(options.RepoRoot, "src", "Silo", "bin"), "VideoPlatform.Silo.dll");
        var comparison = await LoadComparison.RunAsync(
            options,
            "metadata",
            new LoadSide("Api + grain", new Uri(platform.Api, $"/api/videos/{videoId}"), new Dictionary<string, Func<IReadOnlyList<int>>>
            {
                ["Api"] = () => apiPid is { } p ? [p] : [],
                ["Silo"] = () => siloPid is { } p ? [p] : [],
            }),
            new LoadSide("bare Kestrel", new Uri(bare.Base, $"/api/videos/{videoId}"), new Dictionary<string, Func<IReadOnlyList<int>>>
            {
                ["bench process (bare Kestrel)"] = () => [Environment.ProcessId],
            }));
        var requests = comparison.RequestsFigure("5a", $"5a Metadata GET /api/videos/{{id}} ({json.Length} B JSON): requests/s", Goal.AtLeast(0.5));
        return
        [
            requests,
            comparison.LatencyFigure("5b", "5b Metadata GET: p99 latency (ratio > 1 = slower)"),
        ];
    }
}
