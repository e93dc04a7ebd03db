using System.Globalization;

namespace VideoPlatform.Bench.Report;

/// <summary>Busy share of all cores between two readings of /proc/stat.</summary>
public sealed class CpuSampler
{
    private readonly (long Busy, long Total) start = Read();

    public double BusyPercent()
    {
        var end = Read();
        var total = end.Total - start.Total;
        return total <= 0 ? 0 : 100.0 * (end.Busy - start.Busy) / total;
    }

    public static async Task<double> SampleAsync(TimeSpan window)
    {
        var sampler = new CpuSampler();
        await Task.Delay(window);
        return sampler.BusyPercent();
    }

    private static (long Busy, long Total) Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        // cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }
}
