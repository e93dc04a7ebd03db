namespace VideoPlatform.Bench.Report;

/// <summary>Everything one run produced; serialised as bench/results/latest.json.</summary>
public sealed record BenchReport
{
    public required DateTimeOffset GeneratedAt { get; init; }
    public required string Mode { get; init; }
    public double DurationSeconds { get; init; }
    public required MachineInfo Machine { get; init; }
    public required IReadOnlyList<Figure> Figures { get; init; }
}
