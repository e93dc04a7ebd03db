namespace VideoPlatform.Bench.Measure;

/// <summary>Median with min and max of a few runs: the median resists the odd run a busy machine spoils.</summary>
public sealed record Summary(double Median, double Min, double Max, int Runs)
{
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No samples.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Summary(median, sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary>(max - min) / median: how noisy the runs were.</summary>
    public double Spread => Median == 0 ? 0 : (Max - Min) / Median;
}
