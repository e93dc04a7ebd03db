using System.Globalization;
using System.Text;
using VideoPlatform.Bench.Measure;

namespace VideoPlatform.Bench.Report;

/// <summary>The results as a Markdown table (readable as plain text too).</summary>
public static class TableWriter
{
    public static string Table(IEnumerable<Figure> figures)
    {
        var text = new StringBuilder();
        text.AppendLine("| Figure | Measured: median (min-max) | Baseline: median (min-max) | Ratio (pairs min-max) | Goal | Result |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var f in figures)
        {
            if (f.NotMeasured is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | not measured: {f.NotMeasured} | | | {f.Goal?.ToString() ?? "-"} | not measured |");
                continue;
            }

            var measured = Cell(f.MeasuredLabel, f.Measured, f.Unit);
            var baseline = f.Baseline is null ? "-" : Cell(f.BaselineLabel, f.Baseline, f.Unit);
            var ratio = f.Ratio is { } r ? Ratio(r) + (f.PairRatios is { Runs: > 1 } p ? $" ({Ratio(p.Min)}-{Ratio(p.Max)})" : "") : "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {measured} | {baseline} | {ratio} | {f.Goal?.ToString() ?? "-"} | {f.Result} |");
        }

        return text.ToString();
    }

    public static string Machine(MachineInfo m) =>
        string.Join(Environment.NewLine,
        [
            $"- CPU: {m.Cpu}, {m.Cores} cores (nproc)",
            $"- Memory: {m.Memory}",
            $"- OS: {m.Os}",
            $"- Runtime: {m.Runtime}; {m.Ffmpeg}; {m.Nginx}; {m.Wrk}",
            $"- Commit: {m.Commit}",
            string.Create(CultureInfo.InvariantCulture,
                $"- Noise: load average {m.LoadBefore:0.00} before, {m.LoadAfter:0.00} after; all cores {m.BusyBeforePercent:0}% busy just before the run (other processes), {m.BusyDuringPercent:0}% during it (suite included)"),
        ]);

    /// <summary>The stage-by-stage trace of each figure that has one (the slowest step: the media silo's job).</summary>
    public static string Traces(IEnumerable<Figure> figures)
    {
        var text = new StringBuilder();
        foreach (var f in figures.Where(f => f.Trace is { Count: > 0 }))
        {
            var job = f.Measured?.Median ?? 0;
            text.AppendLine(CultureInfo.InvariantCulture, $"Trace of the slowest step ({f.Id}: the media silo's job, Processing to Ready, {Value(job, "s")}; medians of the runs):");
            text.AppendLine();
            text.AppendLine("| Stage | Wall | Share of the job | CPU | Seen from |");
            text.AppendLine("|---|---|---|---|---|");
            foreach (var stage in f.Trace!)
            {
                var wall = stage.Seconds > 0 ? Value(stage.Seconds, "s") : "-";
                var share = stage.Seconds > 0 && job > 0 && !stage.Stage.StartsWith("queue", StringComparison.Ordinal) ? (stage.Seconds / job).ToString("0%", CultureInfo.InvariantCulture) : "-";
                var cpu = stage.CpuSeconds is { } c ? Value(c, "s") + (stage.Seconds > 0 ? $" ({(c / stage.Seconds).ToString("0.0", CultureInfo.InvariantCulture)} cores)" : "") : "-";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {stage.Stage} | {wall} | {share} | {cpu} | {stage.Source} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Cell(string? label, Summary? s, string unit) =>
        s is null ? "-" : $"{(label is null ? "" : label + ": ")}{Value(s.Median, unit)} ({Value(s.Min, unit)}-{Value(s.Max, unit)}, n={s.Runs})";

    public static string Value(double value, string unit) => unit switch
    {
        "s" => value.ToString("0.00", CultureInfo.InvariantCulture) + " s",
        "ms" => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        _ => value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + unit,
    };

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
