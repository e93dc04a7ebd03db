using System.Diagnostics;
using System.Globalization;
using VideoPlatform.Bench.Load;

namespace VideoPlatform.Bench.Platform;

/// <summary>A tool process the media silo ran: what it was, when the watcher first and last saw it, its CPU seconds.</summary>
public sealed record ChildRun(int Pid, string Kind, double FirstSeen, double LastSeen, double CpuSeconds);

/// <summary>
/// Watches the media silo's child processes (ffprobe, ffmpeg) from /proc every 20 ms, without touching the silo:
/// each run's kind (from its command line), lifetime on the suite's clock, and CPU time. Only new pids are
/// examined on each pass, and while the encode runs only its own stat is read (no scan of /proc): a scan every 20 ms
/// cost the suite about 13% of a core, taken from the very encode it was timing.
/// </summary>
public sealed class MediaSiloWatcher : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly int siloPid;
    private readonly Stopwatch clock;
    private readonly Dictionary<int, ChildRun> runs = [];
    private readonly HashSet<int> known = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private bool encodeRunning;
    private bool encodeSeen;
    private double previous;

    public MediaSiloWatcher(int siloPid, Stopwatch clock)
    {
        this.siloPid = siloPid;
        this.clock = clock;
        known.UnionWith(ProcessCpu.AllPids());
        loop = Task.Run(LoopAsync);
    }

    /// <summary>The job's encode has been seen and has exited (what is left: finishing, the sprite, the publish).</summary>
    public bool EncodeDone => Volatile.Read(ref encodeSeen) && !Volatile.Read(ref encodeRunning);

    public async Task<IReadOnlyList<ChildRun>> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        return runs.Values.OrderBy(r => r.FirstSeen).ToList();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        var now = clock.Elapsed.TotalSeconds;
        var silo = siloPid.ToString(CultureInfo.InvariantCulture);
        // Nothing the job starts runs beside its encode: scanning resumes on the first pass after the encode is gone.
        foreach (var pid in encodeRunning ? [] : ProcessCpu.AllPids().Where(p => !known.Contains(p)))
        {
            var f = ProcessCpu.Stat(pid);
            if (f is null || f[1] != silo)
            {
                known.Add(pid);
            }
            else if (Kind(pid) is { } kind)
            {
                // Between fork and exec a child still shows the silo's command line: it is looked at again next pass.
                known.Add(pid);
                runs[pid] = new ChildRun(pid, kind, now, now, Cpu(f));
            }
        }

        var running = false;
        foreach (var run in runs.Values.Where(r => r.LastSeen >= previous).ToList())
        {
            if (ProcessCpu.Stat(run.Pid) is { } f && f[0] != "Z" && f[1] == silo)
            {
                runs[run.Pid] = run with { LastSeen = now, CpuSeconds = Cpu(f) };
                running |= run.Kind == "encode";
            }
        }

        // Written once per pass: a reader never sees "not running" halfway through one.
        Volatile.Write(ref encodeSeen, encodeSeen || running);
        Volatile.Write(ref encodeRunning, running);
        previous = now;
    }

    // What the pipeline ran, from the arguments it builds (SourceProbe, FfmpegArguments, ThumbnailArguments).
    private static string? Kind(int pid)
    {
        string cmdline;
        try
        {
            cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return cmdline switch
        {
            _ when cmdline.Contains("ffprobe", StringComparison.Ordinal) => "probe",
            _ when cmdline.Contains("-var_stream_map", StringComparison.Ordinal) && cmdline.Contains("pipe:0", StringComparison.Ordinal) => "live",
            _ when cmdline.Contains("-var_stream_map", StringComparison.Ordinal) => "encode",
            _ when cmdline.Contains("storyboard", StringComparison.Ordinal) => "storyboard",
            _ when cmdline.Contains("ffmpeg", StringComparison.Ordinal) => "ffmpeg",
            _ => null,
        };
    }

    private static double Cpu(string[] f) =>
        (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        stop.Dispose();
    }
}
