namespace VideoPlatform.Bench.Measure;

/// <summary>
/// Samples of the measured path and its baseline, taken in alternating order (A B, B A, A B, ...) so that a
/// slow drift of the machine's load falls on both sides alike.
/// </summary>
public sealed class Paired
{
    private readonly List<double> measured = [];
    private readonly List<double> baseline = [];

    public IReadOnlyList<double> Measured => measured;

    public IReadOnlyList<double> Baseline => baseline;

    public static async Task<Paired> RunAsync(int runs, Func<int, Task<double>> measure, Func<int, Task<double>> measureBaseline)
    {
        var result = new Paired();
        for (var i = 0; i < runs; i++)
        {
            if (i % 2 == 0)
            {
                result.baseline.Add(await measureBaseline(i));
                result.measured.Add(await measure(i));
            }
            else
            {
                result.measured.Add(await measure(i));
                result.baseline.Add(await measureBaseline(i));
            }
        }

        return result;
    }

    /// <summary>measured[i] / baseline[i] of each pair.</summary>
    public IReadOnlyList<double> Ratios() => measured.Zip(baseline, (m, b) => b == 0 ? double.NaN : m / b).ToList();
}
