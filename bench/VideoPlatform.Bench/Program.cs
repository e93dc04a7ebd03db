using System.Diagnostics;
using VideoPlatform.Bench;
using VideoPlatform.Bench.Grains;
using VideoPlatform.Bench.Load;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Transcode;
using VideoPlatform.Bench.Upload;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (options.Render is not null)
{
    var saved = await ReportFiles.ReadJsonAsync(options.Render);
    Console.WriteLine(TableWriter.Table(saved.Figures));
    Say.Line($"wrote {await ReportFiles.WriteMarkdownAsync(options.RepoRoot, saved)}");
    return 0;
}

var clock = Stopwatch.StartNew();
var started = TimeProvider.System.GetUtcNow();
Say.Line($"{options.Mode} mode; sampling the machine's load for 3 s first");
var busyBefore = await CpuSampler.SampleAsync(TimeSpan.FromSeconds(3));
var machine = await MachineInfo.DescribeAsync(options.RepoRoot) with { BusyBeforePercent = busyBefore };
var during = new CpuSampler();
var figures = new List<Figure>();
using (var work = new Workspace(Path.Combine(options.DataFolder, "work")))
{
    figures.AddRange(await Guard.RunAsync(
        async () => [await TranscodeOverheadBench.RunAsync(options, work)], ("1a", "1a Transcode overhead, Transcoder class")));
    figures.AddRange(await Guard.RunAsync(() => GrainCallsBench.RunAsync(options, work), ("5c", "5c Orleans grain calls/s in-process")));
    figures.AddRange(await PlatformFigures.RunAsync(options, work));
}

figures.Add(Figure.NotMeasuredRow("6a", "6a Live: glass-to-glass latency at 2 s segments", "feature not built yet") with { Goal = Goal.AtMost(4) });
figures.Add(Figure.NotMeasuredRow("6b", "6b Live: passthrough publishers per node", "feature not built yet"));
figures.Add(Figure.NotMeasuredRow("6c", "6c Analytics: events/s sustained", "feature not built yet"));
figures.Add(Figure.NotMeasuredRow("6d", "6d Search: p95 latency at 100k videos", "feature not built yet"));

var report = new BenchReport
{
    GeneratedAt = started,
    Mode = options.Mode,
    DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds),
    Machine = machine with { LoadAfter = MachineInfo.LoadAverage(), BusyDuringPercent = during.BusyPercent() },
    Figures = figures.OrderBy(f => f.Id, StringComparer.Ordinal).ToList(),
};
Console.WriteLine();
Console.WriteLine(TableWriter.Table(report.Figures));
Console.WriteLine(TableWriter.Machine(report.Machine));
Console.WriteLine();
Say.Line($"wrote {await ReportFiles.WriteJsonAsync(options.RepoRoot, report)}");
Say.Line($"wrote {await ReportFiles.WriteMarkdownAsync(options.RepoRoot, report)}");
Say.Line($"done in {Say.Seconds(clock.Elapsed)}");
return 0;
