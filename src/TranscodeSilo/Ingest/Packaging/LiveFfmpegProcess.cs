using System.Diagnostics;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>
/// The FFmpeg of one live session: FLV goes into <see cref="Input"/>; closing it lets FFmpeg finish its last segment.
/// Started with an argument list only; killed with its whole tree when it does not finish in time.
/// </summary>
public sealed class LiveFfmpegProcess : IAsyncDisposable
{
    private const int StderrTailLines = 20;
    private readonly Process process;
    private readonly Queue<string> tail = new();
    private readonly Task stderr;

    private LiveFfmpegProcess(Process process)
    {
        this.process = process;
        stderr = PumpAsync(process.StandardError);
    }

    public Stream Input => process.StandardInput.BaseStream;

    public bool HasExited => process.HasExited;

    public string ErrorTail
    {
        get
        {
            lock (tail)
            {
                return string.Join('\n', tail);
            }
        }
    }

    public static LiveFfmpegProcess Start(string ffmpeg, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(ffmpeg)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = false,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.Start();
        return new LiveFfmpegProcess(process);
    }

    /// <summary>Closes stdin and waits for FFmpeg to write its last segment; kills it after <paramref name="timeout"/>.</summary>
    /// <returns>FFmpeg's exit code, or null when it had to be killed.</returns>
    public async Task<int?> FinishAsync(TimeSpan timeout)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // FFmpeg already gone: the pipe is broken.
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            await stderr;
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return null;
        }
    }

    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > StderrTailLines)
                {
                    tail.Dequeue();
                }
            }
        }
    }
}
