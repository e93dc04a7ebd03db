using System.Diagnostics;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Runs ffmpeg or ffprobe with an argument list (never a command line) and kills the whole tree on cancellation.</summary>
public static class ToolProcess
{
    private const int StderrTailLines = 30;

    /// <param name="onStdoutLine">Receives stdout line by line; when null, stdout is collected into the result.</param>
    public static async Task<ToolRun> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string? workingDirectory,
        Action<string>? onStdoutLine,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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

        using var process = new Process { StartInfo = info };
        process.Start();
        process.StandardInput.Close();

        var collected = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, onStdoutLine ?? (line => collected.AppendLine(line)));
        var tail = new Queue<string>();
        var stderr = PumpAsync(process.StandardError, line =>
        {
            tail.Enqueue(line);
            if (tail.Count > StderrTailLines)
            {
                tail.Dequeue();
            }
        });

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // ffmpeg may have spawned helpers; a cancelled job must leave nothing running or writing.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return new ToolRun(process.ExitCode, collected.ToString(), string.Join('\n', tail));
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }
}
