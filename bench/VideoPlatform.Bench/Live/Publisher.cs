using System.Diagnostics;
using System.Globalization;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Live;

/// <summary>
/// An RTMP publisher: ffmpeg sending a clip in real time (-re, -c copy), optionally tee'd into a local HLS muxer
/// with the platform's segment settings (the latency baseline). Its progress reports (every 0.1 s) say when each
/// media time left it, from which <see cref="StartSeconds"/> is estimated.
/// </summary>
public sealed class Publisher : IAsyncDisposable
{
    private readonly Process process;
    private readonly Stopwatch clock;
    private readonly Task progress;
    private readonly Task<string> errors;
    private double start = double.PositiveInfinity;

    private Publisher(Process process, Stopwatch clock)
    {
        this.process = process;
        this.clock = clock;
        progress = ReadProgressAsync();
        errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>
    /// When media time 0 left the publisher, on the suite's clock: the smallest (wall time - media time sent) over
    /// all progress reports. Media time t left the publisher at StartSeconds + t (the -re pacing), give or take a
    /// report's few milliseconds.
    /// </summary>
    public double StartSeconds => Volatile.Read(ref start);

    public static Publisher Start(string clip, string rtmpUrl, string? localHlsFolder, Stopwatch clock)
    {
        List<string> args =
        [
            "-hide_banner", "-nostdin", "-v", "error", "-re", "-i", clip, "-map", "0:v:0", "-map", "0:a:0", "-c", "copy",
            "-progress", "pipe:1", "-stats_period", "0.1",
        ];
        if (localHlsFolder is null)
        {
            args.AddRange(["-f", "flv", rtmpUrl]);
        }
        else
        {
            // The same HLS settings the ingest's ffmpeg uses (2 s, MPEG-TS, playlist renamed into place).
            var hls = $"f=hls:hls_time=2:hls_list_size=0:hls_segment_type=mpegts:hls_flags=independent_segments+temp_file";
            args.AddRange(["-f", "tee", $"[f=flv:onfail=abort]{rtmpUrl}|[{hls}]{Path.Combine(localHlsFolder, "index.m3u8")}"]);
        }

        var process = Process.Start(Processes.Info("ffmpeg", args)) ?? throw new InvalidOperationException("ffmpeg did not start");
        process.StandardInput.Close();
        return new Publisher(process, clock);
    }

    /// <summary>Waits for the clip's end; returns ffmpeg's exit code and its error output.</summary>
    public async Task<(int Code, string Errors)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        await progress;
        return (process.ExitCode, (await errors).Trim());
    }

    private async Task ReadProgressAsync()
    {
        const string key = "out_time_us=";
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(key, StringComparison.Ordinal) && long.TryParse(line.AsSpan(key.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us > 0)
            {
                var candidate = clock.Elapsed.TotalSeconds - us / 1e6;
                if (candidate < start)
                {
                    Volatile.Write(ref start, candidate);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        await progress;
        process.Dispose();
    }
}
