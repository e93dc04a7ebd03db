using System.Diagnostics;
using System.Globalization;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

/// <summary>
/// Figure 3a's bare Kestrel sink in a process of its own, as the Api is one, so that it does not share a thread pool
/// and a GC with the client sending to it.
/// </summary>
public sealed class SinkProcess : IAsyncDisposable
{
    public const string Argument = "--sink";

    public const string ReadyLine = "sink ready";

    private readonly Process process;

    private SinkProcess(Process process, int port)
    {
        this.process = process;
        Base = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Base { get; }

    /// <summary>Starts this same program as the sink, writing each PATCH body to <paramref name="file"/>.</summary>
    public static async Task<SinkProcess> StartAsync(string file)
    {
        var port = FreePorts.One();
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        IEnumerable<string> arguments = [Argument, file, port.ToString(CultureInfo.InvariantCulture)];
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments = arguments.Prepend(typeof(SinkProcess).Assembly.Location);
        }

        var process = Process.Start(Processes.Info(self, arguments)) ?? throw new InvalidOperationException("the sink did not start");
        var sink = new SinkProcess(process, port);
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == ReadyLine)
                {
                    return sink;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await sink.DisposeAsync();
        throw new InvalidOperationException($"the sink process did not start: {await errors}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.StandardInput.Close();
        }

        await Processes.WaitOrKillAsync(process, TimeSpan.FromSeconds(10));
    }
}
