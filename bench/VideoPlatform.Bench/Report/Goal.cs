using System.Globalization;

namespace VideoPlatform.Bench.Report;

public enum GoalDirection
{
    AtMost,
    AtLeast,
}

/// <summary>The bound the ratio (measured / baseline) should keep.</summary>
public sealed record Goal(GoalDirection Direction, double Value)
{
    public static Goal AtMost(double value) => new(GoalDirection.AtMost, value);

    public static Goal AtLeast(double value) => new(GoalDirection.AtLeast, value);

    public bool IsMetBy(double ratio) => Direction == GoalDirection.AtMost ? ratio <= Value : ratio >= Value;

    public override string ToString() =>
        (Direction == GoalDirection.AtMost ? "<= " : ">= ") + Value.ToString("0.##", CultureInfo.InvariantCulture);
}
