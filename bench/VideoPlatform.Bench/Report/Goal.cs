using System.Globalization;

namespace VideoPlatform.Bench.Report;

public enum GoalDirection
{
    AtMost,
    AtLeast,
}

/// <summary>
/// The bound a figure should keep: on the ratio (measured / baseline), or, when <see cref="Unit"/> is set, on the
/// measured median itself (the live latency goal is in seconds, whatever the baseline does).
/// </summary>
public sealed record Goal(GoalDirection Direction, double Value, string? Unit = null)
{
    public static Goal AtMost(double value) => new(GoalDirection.AtMost, value);

    public static Goal AtLeast(double value) => new(GoalDirection.AtLeast, value);

    public static Goal MeasuredAtMost(double value, string unit) => new(GoalDirection.AtMost, value, unit);

    public bool OnMeasured => Unit is not null;

    public bool IsMetBy(double value) => Direction == GoalDirection.AtMost ? value <= Value : value >= Value;

    public override string ToString() =>
        (Direction == GoalDirection.AtMost ? "<= " : ">= ") + Value.ToString("0.##", CultureInfo.InvariantCulture) + (Unit is null ? "" : " " + Unit);
}
