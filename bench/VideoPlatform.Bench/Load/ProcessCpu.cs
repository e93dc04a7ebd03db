using System.Globalization;

namespace VideoPlatform.Bench.Load;

/// <summary>CPU time of processes from /proc (user + system), to tell where a load test's cycles went.</summary>
public static class ProcessCpu
{
    // USER_HZ is 100 on every Linux the suite targets.
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(IEnumerable<int> pids) =>
        TimeSpan.FromSeconds(pids.Sum(pid => Stat(pid) is { } f ? long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture) : 0) / TicksPerSecond);

    /// <summary>One process's CPU time including its children that have exited and been waited for (ffmpeg runs).</summary>
    public static TimeSpan OfWithChildren(int pid) =>
        Stat(pid) is { } f
            ? TimeSpan.FromSeconds(f.Skip(11).Take(4).Sum(v => long.Parse(v, CultureInfo.InvariantCulture)) / TicksPerSecond)
            : TimeSpan.Zero;

    /// <summary>The process and its direct children (nginx's master and workers).</summary>
    public static IReadOnlyList<int> WithChildren(int pid) =>
        [pid, .. AllPids().Where(p => Stat(p) is { } f && f[1] == pid.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The first process whose command line contains every fragment.</summary>
    public static int? Find(params string[] fragments)
    {
        foreach (var pid in AllPids())
        {
            string cmdline;
            try
            {
                cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (fragments.All(f => cmdline.Contains(f, StringComparison.Ordinal)))
            {
                return pid;
            }
        }

        return null;
    }

    public static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, CultureInfo.InvariantCulture));

    // Fields after "pid (comm) ": [0] state, [1] ppid, ..., [11] utime, [12] stime.
    public static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
