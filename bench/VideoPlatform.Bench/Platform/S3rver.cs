using System.Diagnostics;
using System.Text.RegularExpressions;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Platform;

/// <summary>s3rver (npm, installed under .tools by ./vp test or bench/run) on a free loopback port with one bucket.</summary>
public sealed partial class S3rver : IAsyncDisposable
{
    public const string Bucket = "videoplatform-bench";
    public const string Credentials = "S3RVER"; // s3rver's built-in access key and secret

    private readonly Process process;

    private S3rver(Process process, Uri serviceUrl)
    {
        this.process = process;
        ServiceUrl = serviceUrl;
    }

    public Uri ServiceUrl { get; }

    public static string Script(string repoRoot) => Path.Combine(repoRoot, ".tools", "node_modules", "s3rver", "bin", "s3rver.js");

    public static async Task<S3rver> StartAsync(string repoRoot, string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var process = Process.Start(Processes.Info("node", [Script(repoRoot), "-d", dataFolder, "-a", "127.0.0.1", "-p", "0", "--silent", "--configure-bucket", Bucket]))
            ?? throw new InvalidOperationException("node did not start");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            // stderr is drained in the background so s3rver never blocks on a full pipe.
            _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } match)
                {
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    return new S3rver(process, new Uri($"http://127.0.0.1:{match.Groups["port"].Value}"));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException("s3rver did not start listening within 60 s");
    }

    /// <summary>The hosts' settings for this store (PlatformOptions' Storage section, as environment variables).</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment() => new Dictionary<string, string>
    {
        ["VideoPlatform__Storage__Provider"] = "S3",
        ["VideoPlatform__Storage__S3__ServiceUrl"] = ServiceUrl.ToString().TrimEnd('/'),
        ["VideoPlatform__Storage__S3__Bucket"] = Bucket,
        ["VideoPlatform__Storage__S3__AccessKey"] = Credentials,
        ["VideoPlatform__Storage__S3__SecretKey"] = Credentials,
        ["VideoPlatform__Storage__S3__ForcePathStyle"] = "true",
    };

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"listening on [^\s:]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
