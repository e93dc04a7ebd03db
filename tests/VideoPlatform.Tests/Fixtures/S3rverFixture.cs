using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.S3;
using VideoPlatform.Infrastructure.Storage.S3;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// A real s3rver (npm s3rver@3.7.1) on a free loopback port with a throwaway data folder, one bucket made at
/// startup, and the whole process tree killed on dispose. Installs s3rver under &lt;repo&gt;/.tools when missing,
/// so a bare <c>dotnet test</c> works too.
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    public const string Version = "3.7.1";
    // s3rver's built-in credentials.
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"vp-s3rver-{Guid.NewGuid():N}");
    private readonly StringBuilder _log = new();
    private Process? _process;

    public string Bucket { get; } = "videoplatform-test";
    public string ServiceUrl { get; private set; } = "";

    public S3ObjectStoreSettings Settings(string? bucket = null) => new(bucket ?? Bucket)
    {
        ServiceUrl = ServiceUrl,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        ForcePathStyle = true,
    };

    public IAmazonS3 CreateClient() => Settings().CreateClient();

    /// <summary>A store over a bucket of its own, so a test sees only its own objects.</summary>
    public Task<S3ObjectStore> CreateStoreInNewBucketAsync(TimeProvider? time = null) =>
        S3ObjectStore.CreateAsync(Settings($"t-{Guid.NewGuid():N}"), time ?? TimeProvider.System, createBucketIfMissing: true);

    public async Task InitializeAsync()
    {
        var script = await EnsureInstalledAsync();
        Directory.CreateDirectory(_dataFolder);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, "-d", _dataFolder, "-a", "127.0.0.1", "-p", "0", "--silent", "--configure-bucket", Bucket })
        {
            start.ArgumentList.Add(arg);
        }

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, listening);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, listening);
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"s3rver exited early:\n{Log()}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Port 0 lets the OS pick a free port; s3rver prints the one it got.
        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        ServiceUrl = $"http://127.0.0.1:{port}";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var tools = Path.Combine(FindRepoRoot(), ".tools");
        var script = Path.Combine(tools, "node_modules", "s3rver", "bin", "s3rver.js");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(script))
            {
                await NpmInstallAsync(tools);
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return File.Exists(script) ? script : throw new FileNotFoundException("s3rver was not installed", script);
    }

    private static async Task NpmInstallAsync(string tools)
    {
        var start = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "install", "--no-audit", "--no-fund", "--prefix", tools, $"s3rver@{Version}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var npm = Process.Start(start)!;
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install s3rver@{Version} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VideoPlatform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No VideoPlatform.sln above {AppContext.BaseDirectory}");
    }

    private void OnLine(string? line, TaskCompletionSource<string> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(match.Groups["port"].Value);
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    [GeneratedRegex(@"listening on [^\s:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
