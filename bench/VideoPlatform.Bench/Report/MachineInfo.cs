using System.Globalization;
using System.Runtime.InteropServices;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Report;

/// <summary>What the figures were measured on, and how busy the machine was around the run.</summary>
public sealed record MachineInfo
{
    public int Cores { get; init; }
    public string Cpu { get; init; } = "";
    public string Memory { get; init; } = "";
    public string Os { get; init; } = "";
    public string Runtime { get; init; } = "";
    public string Ffmpeg { get; init; } = "";
    public string Nginx { get; init; } = "";
    public string Wrk { get; init; } = "";
    public string Commit { get; init; } = "";
    public double LoadBefore { get; init; }
    public double LoadAfter { get; init; }
    /// <summary>Share of all cores busy (any process) over a short sample taken just before the run.</summary>
    public double BusyBeforePercent { get; init; }
    /// <summary>Share of all cores busy over the whole run, the suite's own load included.</summary>
    public double BusyDuringPercent { get; init; }

    public static async Task<MachineInfo> DescribeAsync(string repoRoot)
    {
        var nginx = Processes.Find("nginx");
        return new MachineInfo
        {
            Cores = Environment.ProcessorCount,
            Cpu = ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Memory = MemoryText(),
            Os = $"{OsRelease()} (kernel {Read("/proc/sys/kernel/osrelease")})",
            Runtime = RuntimeInformation.FrameworkDescription,
            Ffmpeg = FirstLine((await Processes.RunAsync("ffmpeg", ["-version"])).Stdout),
            Nginx = nginx is null ? "not installed" : (await Processes.RunAsync(nginx, ["-v"])).Stderr.Trim(),
            Wrk = Processes.Find("wrk") is { } wrk ? FirstLine((await Processes.RunAsync(wrk, ["-v"])).Stdout) : "not installed",
            Commit = (await Processes.RunAsync("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"])).Stdout.Trim(),
            LoadBefore = LoadAverage(),
        };
    }

    public static double LoadAverage() =>
        double.Parse(Read("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static string MemoryText()
    {
        var kb = ProcField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return kb is null ? "?" : $"{long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.0} GiB";
    }

    private static string OsRelease() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
              ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;

    private static string? ProcField(string file, string name) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(l => l.StartsWith(name, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static string Read(string file) => File.Exists(file) ? File.ReadAllText(file).Trim() : "";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
