using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

/// <summary>One side of a load comparison: a URL and the processes that serve it, by name (for CPU per request).</summary>
public sealed record LoadSide(string Label, Uri Url, IReadOnlyDictionary<string, Func<IReadOnlyList<int>>> Servers);

/// <summary>
/// wrk against the measured URL and its baseline in alternating runs; requests/s and p99 per run, and the
/// serving processes' CPU time per request, which says where the cycles go.
/// </summary>
public sealed class LoadComparison
{
    private readonly List<WrkResult> measured = [];
    private readonly List<WrkResult> baseline = [];
    private readonly Dictionary<string, List<double>> measuredCpu = [];
    private readonly Dictionary<string, List<double>> baselineCpu = [];

    private LoadComparison(LoadSide measuredSide, LoadSide baselineSide)
    {
        MeasuredSide = measuredSide;
        BaselineSide = baselineSide;
    }

    public LoadSide MeasuredSide { get; }

    public LoadSide BaselineSide { get; }

    public Paired Rps { get; private set; } = new();

    private int connections;
    private int runs;
    private double seconds;

    public static async Task<LoadComparison> RunAsync(BenchOptions options, string what, LoadSide measuredSide, LoadSide baselineSide)
    {
        var comparison = new LoadComparison(measuredSide, baselineSide)
        {
            connections = options.LoadConnections,
            runs = options.LoadRuns,
            seconds = options.LoadDuration.TotalSeconds,
        };
        await Wrk.RunAsync(measuredSide.Url, TimeSpan.FromSeconds(1), options.LoadConnections);
        await Wrk.RunAsync(baselineSide.Url, TimeSpan.FromSeconds(1), options.LoadConnections);
        comparison.Rps = await Paired.RunAsync(
            options.LoadRuns,
            i => SideAsync(options, what, i, measuredSide, comparison.measured, comparison.measuredCpu),
            i => SideAsync(options, what, i, baselineSide, comparison.baseline, comparison.baselineCpu));
        return comparison;
    }

    public Figure RequestsFigure(string id, string name, Goal goal) =>
        Figure.Compare(id, name, "req/s", MeasuredSide.Label, Rps, BaselineSide.Label, goal) with
        {
            Note = $"server CPU per request (median): {CpuText(measuredCpu)} vs {CpuText(baselineCpu)}; wrk -t2 -c{connections}, {runs} x {seconds} s per side",
            Details = new Dictionary<string, double>(
                measuredCpu.Concat(baselineCpu).Select(c => KeyValuePair.Create($"cpu_us_per_request_{c.Key}", Summary.Of(c.Value).Median)))
            {
                ["measured_p50_ms"] = Summary.Of(measured.Select(r => r.P50Ms).ToList()).Median,
                ["baseline_p50_ms"] = Summary.Of(baseline.Select(r => r.P50Ms).ToList()).Median,
            },
        };

    private static string CpuText(Dictionary<string, List<double>> cpu) =>
        string.Join(" + ", cpu.Select(c => $"{c.Key} {Say.Number(Summary.Of(c.Value).Median, "0")} us"));

    public Figure LatencyFigure(string id, string name) =>
        Figure.Compare(id, name, "ms", MeasuredSide.Label, measured.Select(r => r.P99Ms).ToList(), BaselineSide.Label, baseline.Select(r => r.P99Ms).ToList(), goal: null);

    private static async Task<double> SideAsync(
        BenchOptions options, string what, int run, LoadSide side, List<WrkResult> results, Dictionary<string, List<double>> cpu)
    {
        var pids = side.Servers.ToDictionary(s => s.Key, s => s.Value());
        var before = pids.ToDictionary(p => p.Key, p => ProcessCpu.Of(p.Value));
        var result = await Wrk.RunAsync(side.Url, options.LoadDuration, options.LoadConnections);
        var used = pids.ToDictionary(p => p.Key, p => ProcessCpu.Of(p.Value) - before[p.Key]);
        if (result.Failures > 0)
        {
            throw new InvalidOperationException($"{side.Label} answered {result.Failures} of {result.Requests} requests with errors ({side.Url})");
        }

        results.Add(result);
        foreach (var (name, time) in used)
        {
            (cpu.TryGetValue(name, out var list) ? list : cpu[name] = []).Add(time.TotalMilliseconds * 1000 / result.Requests);
        }

        Say.Line($"{what} {run + 1}/{options.LoadRuns}: {side.Label} {Say.Number(result.RequestsPerSecond, "0")} req/s, p99 {Say.Number(result.P99Ms)} ms");
        return result.RequestsPerSecond;
    }
}
