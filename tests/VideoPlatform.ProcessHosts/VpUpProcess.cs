using System.Diagnostics;
using System.Globalization;

namespace VideoPlatform.ProcessHosts;

/// <summary>
/// <c>./vp up</c> in a session and process group of its own (setsid), as a terminal runs it, so that an interrupt can go
/// to the whole group like Ctrl-C does. Its processes are found by their VP_DATA, which every one of them inherits.
/// </summary>
public sealed class VpUpProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task pump;
    private readonly string logFile;
    private readonly string data;

    private VpUpProcess(Process process, Task pump, string logFile, string data)
    {
        this.process = process;
        this.pump = pump;
        this.logFile = logFile;
        this.data = data;
    }

    /// <param name="environment">VP_* and VideoPlatform__* settings; VP_DATA is required (it names the run's processes).</param>
    public static VpUpProcess Start(string repoRoot, IReadOnlyList<string> options, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var data = environment["VP_DATA"];
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = repoRoot,
        };
        foreach (var argument in (string[])["bash", Path.Combine(repoRoot, "vp"), "up", .. options])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("./vp up did not start");
        process.StandardInput.Close();
        var log = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        var pump = Task.WhenAll(CopyAsync(process.StandardOutput, log), CopyAsync(process.StandardError, log))
            .ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
        return new VpUpProcess(process, pump, logFile, data);
    }

    /// <summary>One host process of the run: its pid, its dll, and its Orleans silo port (null for the Api).</summary>
    public sealed record Host(int Pid, string Dll, int? SiloPort);

    /// <summary>The hosts (dotnet VideoPlatform.*.dll) of the run whose VP_DATA is <paramref name="data"/>.</summary>
    public static IReadOnlyList<Host> HostsOf(string data) =>
        [.. Scan(data)
            .Where(p => p.CommandLine.Count == 2 && p.CommandLine[1].EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => new Host(p.Pid, Path.GetFileName(p.CommandLine[1]),
                p.Environment.TryGetValue("VideoPlatform__Clustering__SiloPort", out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : null))];

    /// <summary>Every process of the run (./vp, its supervisors, the hosts, PostgreSQL), as "pid command line".</summary>
    public static IReadOnlyList<string> ProcessesOf(string data) =>
        [.. Scan(data).Select(p => $"{p.Pid} {string.Join(' ', p.CommandLine)}")];

    /// <summary>Ctrl-C: SIGINT to the process group; the exit code of ./vp, or null when it did not end in time.</summary>
    public async Task<int?> InterruptAsync(TimeSpan timeout)
    {
        await SignalGroupAsync("INT");
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            await pump;
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The end of ./vp's own output, for a failure message.</summary>
    public string Tail() => File.Exists(logFile) ? "./vp up said: " + string.Join(" | ", File.ReadLines(logFile).TakeLast(12)) : "";

    /// <summary>SIGTERM to the group, then SIGKILL to whatever of the run is still there (a test that failed half-way).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await SignalGroupAsync("TERM");
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                await SignalGroupAsync("KILL");
            }
        }

        foreach (var left in Scan(data))
        {
            try
            {
                using var orphan = Process.GetProcessById(left.Pid);
                orphan.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }

        await pump;
        process.Dispose();
    }

    /// <summary>setsid made ./vp the leader of its own group; a group that is not its own (setsid forked) gets nothing.</summary>
    private async Task SignalGroupAsync(string signal)
    {
        if (process.HasExited || GroupOf(process.Id) != process.Id)
        {
            return;
        }

        try
        {
            await Tool.RunAsync("kill", [$"-{signal}", "--", $"-{process.Id.ToString(CultureInfo.InvariantCulture)}"]);
        }
        catch (InvalidOperationException)
        {
            // The group ended between the check and the signal.
        }
    }

    private static int? GroupOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so count from its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed record Running(int Pid, IReadOnlyList<string> CommandLine, IReadOnlyDictionary<string, string> Environment);

    /// <summary>Processes whose environment has VP_DATA = <paramref name="data"/>.</summary>
    private static IEnumerable<Running> Scan(string data)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            Running? running;
            try
            {
                var environment = Split(File.ReadAllText(Path.Combine(folder, "environ")))
                    .Select(e => e.Split('=', 2))
                    .Where(e => e.Length == 2)
                    .GroupBy(e => e[0], StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
                running = environment.GetValueOrDefault("VP_DATA") == data
                    ? new Running(pid, Split(File.ReadAllText(Path.Combine(folder, "cmdline"))), environment)
                    : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // ended meanwhile, or not ours to read
            }

            if (running is not null)
            {
                yield return running;
            }
        }
    }

    private static string[] Split(string nulSeparated) => nulSeparated.Split('\0', StringSplitOptions.RemoveEmptyEntries);

    private static async Task CopyAsync(StreamReader reader, TextWriter log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            log.WriteLine(line);
        }
    }
}
