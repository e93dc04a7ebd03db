using System.Diagnostics;
using VideoPlatform.Bench;
using VideoPlatform.Bench.Grains;
using VideoPlatform.Bench.Load;
using VideoPlatform.Bench.Operations;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Recommendations;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Search;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Transcode;
using VideoPlatform.Bench.Upload;
using VideoPlatform.Bench.Webhooks;

if (args is [SinkProcess.Argument, var sinkFile, var sinkPort])
{
    return await BareKestrel.ServeSinkAsync(sinkFile, int.Parse(sinkPort, System.Globalization.CultureInfo.InvariantCulture));
}

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
    if (options.Selected("1a"))
    {
        figures.AddRange(await Guard.RunAsync(async () => [await TranscodeOverheadBench.RunAsync(options, work)], Rows.Row("1a")));
    }

    figures.AddRange(await PlatformFigures.RunAsync(options, work));
    if (options.Selected("7c"))
    {
        figures.AddRange(await WebhookDelayBench.RunAsync(options, work));
    }

    if (options.Selected("8b"))
    {
        figures.AddRange(await Guard.RunAsync(() => RecommendationsBench.RunAsync(options, work), Rows.Row("8b")));
    }

    figures.AddRange(await SearchFigures.RunAsync(options, work));
    if (options.Selected("10a"))
    {
        figures.AddRange(await MediaScaleOutBench.RunAsync(options, work));
    }

    if (options.Selected("10b"))
    {
        figures.AddRange(await SiloLossBench.RunAsync(options, work));
    }

    // Last: once this process has hosted a silo, something of it keeps a share of the CPU after the silo stops, which
    // would be charged to the platform's figures.
    if (options.Selected("5c"))
    {
        figures.AddRange(await Guard.RunAsync(() => GrainCallsBench.RunAsync(options, work), Rows.Row("5c")));
    }
}

var report = new BenchReport
{
    GeneratedAt = started,
    Mode = options.Mode,
    DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds),
    Machine = machine with { LoadAfter = MachineInfo.LoadAverage(), BusyDuringPercent = during.BusyPercent() },
    Figures = Rows.Complete(options, figures),
};
Console.WriteLine();
Console.WriteLine(TableWriter.Table(report.Figures));
Console.WriteLine(TableWriter.Machine(report.Machine));
Console.WriteLine();
Console.WriteLine(TableWriter.Traces(report.Figures));
Console.WriteLine();
if (options.Only is null)
{
    Say.Line($"wrote {await ReportFiles.WriteJsonAsync(options.RepoRoot, report)}");
    Say.Line($"wrote {await ReportFiles.WriteMarkdownAsync(options.RepoRoot, report)}");
}
else
{
    // A partial run must not replace the last complete results.
    Say.Line($"wrote {await ReportFiles.WriteJsonAsync(options.RepoRoot, report, "only.json")} (--only: docs/benchmarks.md left as it was)");
}

Say.Line($"done in {Say.Seconds(clock.Elapsed)}");
return 0;
