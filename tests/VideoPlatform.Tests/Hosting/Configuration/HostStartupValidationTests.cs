using System.Diagnostics;

namespace VideoPlatform.Tests.Hosting.Configuration;

/// <summary>A real host process with a bad switch exits non-zero with one clear line.</summary>
[Trait("Category", "Integration")]
public sealed class HostStartupValidationTests
{
    [Fact]
    public async Task ApiHost_BadStorageProvider_ExitsWithOneLine()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "VideoPlatform.Api.dll");
        Assert.True(File.Exists(dll), $"{dll} missing");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["VideoPlatform__Storage__Provider"] = "Tape";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["Invalid configuration: VideoPlatform:Storage:Provider = 'Tape' is not valid; allowed: FileSystem | S3"],
            lines);
        Assert.Equal(string.Empty, (await stdout).Trim());
    }
}
