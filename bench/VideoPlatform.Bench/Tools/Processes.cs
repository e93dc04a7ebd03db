using System.Diagnostics;
using System.Globalization;

namespace VideoPlatform.Bench.Tools;

/// <summary>Child processes with argument lists (never command lines).</summary>
public static class Processes
{
    public static ProcessStartInfo Info(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Runs to the end and returns exit code, stdout and stderr.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(
        string fileName, IEnumerable<string> arguments, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        using var process = Process.Start(Info(fileName, arguments, workingDirectory))
            ?? throw new InvalidOperationException($"{fileName} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Wall time of one run, output discarded; throws when the tool fails.</summary>
    public static async Task<TimeSpan> TimeAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Info(fileName, arguments, workingDirectory))
            ?? throw new InvalidOperationException($"{fileName} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        var errors = await stderr;
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}: {errors.Trim()}");
        }

        return elapsed;
    }

    /// <summary>Sends a signal by pid (the runtime itself can only SIGKILL).</summary>
    public static async Task SignalAsync(int pid, string signal)
    {
        await RunAsync("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
    }

    /// <summary>Waits up to <paramref name="grace"/> for a process asked to stop, then kills its tree; disposes it.</summary>
    public static async Task WaitOrKillAsync(Process process, TimeSpan grace)
    {
        if (!process.HasExited)
        {
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    /// <summary>Full path of an executable on PATH (or in the sbin folders, where Debian puts nginx), or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/local/sbin"])
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
