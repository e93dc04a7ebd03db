using System.Diagnostics;
using System.Globalization;

namespace VideoPlatform.ProcessHosts;

/// <summary>
/// One built host (<c>dotnet VideoPlatform.X.dll</c>, as ./vp up runs it) with its own environment and HTTP port;
/// its output goes to a log file. <see cref="Kill"/> is kill -9: no shutdown code runs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo info;
    private readonly string logFile;
    private Process? process;
    private Task pump = Task.CompletedTask;

    public HostProcess(string name, string dll, int httpPort, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        Name = name;
        HttpPort = httpPort;
        logFile = Path.Combine(logFolder, name + ".log");
        info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["DOTNET_NOLOGO"] = "1";
    }

    public string Name { get; }

    public int HttpPort { get; }

    public Uri Http => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");

    public bool IsRunning => process is { HasExited: false };

    public string LogFile => logFile;

    public void Start()
    {
        process = Process.Start(info) ?? throw new InvalidOperationException($"{Name} did not start");
        var log = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        pump = Task.WhenAll(CopyAsync(process.StandardOutput, log), CopyAsync(process.StandardError, log))
            .ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
    }

    /// <summary>Polls /readyz until it answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"{Name} exited with {process?.ExitCode} before it was ready; see {logFile}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s; see {logFile}");
    }

    /// <summary>SIGKILL: the process ends at once, sockets are closed by the kernel, no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }

        await pump;
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process is { HasExited: false } running)
        {
            await Tool.RunAsync("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)]);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await running.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                running.Kill(entireProcessTree: true);
            }
        }

        await pump;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        process?.Dispose();
    }

    private static async Task CopyAsync(StreamReader reader, TextWriter log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            log.WriteLine(line);
        }
    }
}
