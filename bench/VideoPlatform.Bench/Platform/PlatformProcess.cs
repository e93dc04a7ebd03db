using System.Diagnostics;
using System.Globalization;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Platform;

/// <summary>
/// The whole platform as ./vp up runs it (PostgreSQL, Silo, TranscodeSilo, Api as separate processes), on free
/// loopback ports and in the suite's own data folder; stopped with SIGTERM, which ./vp handles like Ctrl-C.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task pump;

    private PlatformProcess(Process process, Task pump, string dataFolder, int apiPort, int rtmpPort)
    {
        this.process = process;
        this.pump = pump;
        DataFolder = dataFolder;
        Api = new Uri($"http://127.0.0.1:{apiPort}");
        RtmpPort = rtmpPort;
    }

    public Uri Api { get; }

    /// <summary>The media silo's RTMP ingest port (a free one, so the suite never meets another platform's 1935).</summary>
    public int RtmpPort { get; }

    public string RtmpUrl => $"rtmp://127.0.0.1:{RtmpPort}/live";

    public string DataFolder { get; }

    /// <summary>Root of the FileSystem object store; objects themselves are under its "objects" folder.</summary>
    public string StoreRoot => Path.Combine(DataFolder, "objects");

    public string? PostgresConnectionString =>
        File.Exists(Path.Combine(DataFolder, "postgres.port"))
            ? $"Host=127.0.0.1;Port={File.ReadAllText(Path.Combine(DataFolder, "postgres.port")).Trim()};Username=postgres;Database=videoplatform"
            : null;

    /// <param name="environment">Extra host settings (e.g. the S3 store's), as VideoPlatform__... variables.</param>
    public static async Task<PlatformProcess> StartAsync(BenchOptions options, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var data = Directory.CreateDirectory(options.DataFolder).FullName;
        var ports = FreePorts.Take(8);
        var info = Processes.Info("bash", [Path.Combine(options.RepoRoot, "vp"), "up"], options.RepoRoot);
        string[] names = ["VP_API_PORT", "VP_SILO_HTTP_PORT", "VP_MEDIA_HTTP_PORT", "VP_SILO_PORT", "VP_GATEWAY_PORT", "VP_MEDIA_SILO_PORT", "VP_MEDIA_GATEWAY_PORT"];
        for (var i = 0; i < names.Length; i++)
        {
            info.Environment[names[i]] = ports[i].ToString(CultureInfo.InvariantCulture);
        }

        info.Environment["VideoPlatform__Live__RtmpPort"] = ports[7].ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        info.Environment["VP_DATA"] = data;
        info.Environment["VP_NO_BUILD"] = "1";
        info.Environment["VP_CONFIG"] = "Release";
        var process = Process.Start(info) ?? throw new InvalidOperationException("./vp up did not start");
        process.StandardInput.Close();
        await File.WriteAllTextAsync(Path.Combine(data, "vp-up.pid"), process.Id.ToString(CultureInfo.InvariantCulture));
        var log = Path.Combine(data, "vp-up.log");
        var writer = TextWriter.Synchronized(new StreamWriter(log, append: true) { AutoFlush = true });
        var pump = Task.WhenAll(CopyAsync(process.StandardOutput, writer), CopyAsync(process.StandardError, writer))
            .ContinueWith(_ => writer.Dispose(), TaskScheduler.Default);
        var platform = new PlatformProcess(process, pump, data, ports[0], ports[7]);
        Say.Line($"starting the platform (./vp up, Api on {platform.Api}, data in {data})");
        if (!await platform.WaitReadyAsync(timeout))
        {
            await platform.DisposeAsync();
            throw new InvalidOperationException($"the platform was not ready within {timeout.TotalSeconds:0} s (see {log} and {data}/logs)");
        }

        return platform;
    }

    private async Task<bool> WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    Say.Line($"platform ready after {Say.Seconds(clock.Elapsed)}");
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Say.Line("stopping the platform");
            await Processes.SignalAsync(process.Id, "TERM");
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await pump;
        process.Dispose();
    }

    private static async Task CopyAsync(StreamReader reader, TextWriter log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            log.WriteLine(line);
        }
    }
}
