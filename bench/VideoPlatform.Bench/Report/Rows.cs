namespace VideoPlatform.Bench.Report;

/// <summary>Short names of every row, for rows that were not measured (not selected, failed, not built).</summary>
public static class Rows
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["1a"] = "1a Transcode overhead, Transcoder class",
        ["1b"] = "1b Transcode overhead through the platform",
        ["2a"] = "2a Time to Ready",
        ["2b"] = "2b Time to first playable",
        ["3a"] = "3a Upload throughput, tus via the Api against bare Kestrel, FileSystem store",
        ["3b"] = "3b Upload throughput, tus via the Api, S3 store (s3rver)",
        ["3c"] = "3c Upload throughput, tus in 8 MiB PATCHes via the Api, FileSystem store",
        ["4a"] = "4a Playback segment: requests/s",
        ["4b"] = "4b Playback segment: p99",
        ["4c"] = "4c Playback playlist: requests/s",
        ["4d"] = "4d Playback playlist: p99",
        ["5a"] = "5a Metadata GET /api/videos/{id}: requests/s",
        ["5b"] = "5b Metadata GET: p99",
        ["5c"] = "5c Orleans grain calls/s in-process",
        ["6a"] = "6a Live: glass-to-glass latency at 2 s segments",
        ["6b"] = "6b Live: passthrough publishers per node",
        ["7a"] = "7a Analytics: playback events/s sustained into stats + warehouse",
        ["7b"] = "7b Analytics: POST to stats delay, p95",
        ["7c"] = "7c Webhooks: delay from video.ready to delivery, p95",
        ["8a"] = "8a Search: p95 latency at 100k videos",
        ["8b"] = "8b Recommendations: related and home p95 at 100k videos",
        ["8c"] = "8c Search: index lag from Ready to found, p95",
        ["9a"] = "9a Web app: watch page to first frame, p50 of 5 cold loads",
        ["9b"] = "9b Web app: bytes transferred by the watch page before the first segment",
        ["10a"] = "10a Scale-out: four 30 s uploads, two media silos vs one, wall time",
        ["10b"] = "10b Kill -9 a general silo under upload + playback: Api error rate",
    };

    public static string Name(string id) => Names[id];

    public static (string Id, string Name) Row(string id) => (id, Names[id]);

    public static (string Id, string Name)[] Of(params string[] ids) => ids.Select(Row).ToArray();

    /// <summary>One row per id of the suite: the measured one when there is one, otherwise why not.</summary>
    public static List<Figure> Complete(BenchOptions options, IEnumerable<Figure> measured)
    {
        var byId = measured.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        // A row measured along with a selected one (1b comes with 2a) is kept.
        return BenchOptions.AllIds.Select(id =>
            byId.TryGetValue(id, out var figure) && (options.Selected(id) || figure.NotMeasured is null) ? figure
            : !options.Selected(id) ? Figure.NotMeasuredRow(id, Names[id], "not selected")
            : Figure.NotMeasuredRow(id, Names[id], "feature not built yet")).ToList();
    }
}
