using System.Diagnostics;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>Node peers under &lt;repo&gt;/.tools (installed by ./vp test; installed here when missing).</summary>
internal static class NodeTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<string> ModulesAsync()
    {
        var tools = Path.Combine(RepoRoot(), ".tools");
        var modules = Path.Combine(tools, "node_modules");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(modules, "tus-js-client", "package.json")))
            {
                var (code, output) = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--prefix", tools, "s3rver@3.7.1", "tus-js-client@4.3.1"], null);
                Assert.True(code == 0, $"npm install failed:\n{output}");
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return modules;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string RepoRoot()
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
}
