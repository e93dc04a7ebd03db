using VideoPlatform.Bench.Measure;

namespace VideoPlatform.Bench.Report;

/// <summary>One row of the table: a measured path against a baseline measured beside it, in the same run.</summary>
public sealed record Figure
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Unit of <see cref="Measured"/> and <see cref="Baseline"/>: "s", "MiB/s", "req/s", "ms", "calls/s".</summary>
    public string Unit { get; init; } = "";

    public string? MeasuredLabel { get; init; }

    public Summary? Measured { get; init; }

    public string? BaselineLabel { get; init; }

    public Summary? Baseline { get; init; }

    /// <summary>median(measured) / median(baseline).</summary>
    public double? Ratio { get; init; }

    /// <summary>The ratios of the individual pairs, when the runs were paired.</summary>
    public Summary? PairRatios { get; init; }

    public Goal? Goal { get; init; }

    public string? NotMeasured { get; init; }

    public string? Note { get; init; }

    /// <summary>Extra numbers: stage breakdowns, CPU per request, latencies.</summary>
    public IReadOnlyDictionary<string, double>? Details { get; init; }

    /// <summary>Where the time of this figure's measured path goes, stage by stage (the slowest step's trace).</summary>
    public IReadOnlyList<TraceStage>? Trace { get; init; }

    public string Result => NotMeasured is not null ? "not measured"
        : (Goal?.OnMeasured == true ? Measured?.Median : Ratio) is not { } value || Goal is null ? "info"
        : Goal.IsMetBy(value) ? "pass" : "FAIL";

    public static Figure NotMeasuredRow(string id, string name, string reason) => new() { Id = id, Name = name, NotMeasured = reason };

    public static Figure Compare(string id, string name, string unit, string measuredLabel, Paired runs, string baselineLabel, Goal? goal) =>
        Compare(id, name, unit, measuredLabel, runs.Measured, baselineLabel, runs.Baseline, goal) with
        {
            PairRatios = Summary.Of(runs.Ratios().ToList()),
        };

    public static Figure Compare(
        string id, string name, string unit, string measuredLabel, IReadOnlyList<double> measured, string baselineLabel, IReadOnlyList<double> baseline, Goal? goal)
    {
        var m = Summary.Of(measured.ToList());
        var b = Summary.Of(baseline.ToList());
        return new Figure
        {
            Id = id,
            Name = name,
            Unit = unit,
            MeasuredLabel = measuredLabel,
            Measured = m,
            BaselineLabel = baselineLabel,
            Baseline = b,
            Ratio = b.Median == 0 ? null : m.Median / b.Median,
            Goal = goal,
        };
    }
}
