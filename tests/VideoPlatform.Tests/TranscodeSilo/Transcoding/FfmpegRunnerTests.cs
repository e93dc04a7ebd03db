using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Integration")]
public sealed class FfmpegRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vp-runner-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RunAsync_Encode_ReportsProgressUpTo100()
    {
        var reports = new List<double>();
        string[] args =
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-nostats", "-progress", "pipe:1",
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "out.mp4",
        ];

        await new FfmpegRunner(MediaTools.Default).RunAsync(args, _folder, TimeSpan.FromSeconds(2), new SyncProgress(reports), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_folder, "out.mp4")));
        Assert.Equal(100, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task RunAsync_Failure_ThrowsWithStderrTail()
    {
        string[] args = ["-hide_banner", "-nostdin", "-v", "error", "-i", "does-not-exist.mp4", "-f", "null", "-"];

        var error = await Assert.ThrowsAsync<MediaToolException>(() =>
            new FfmpegRunner(MediaTools.Default).RunAsync(args, _folder, TimeSpan.FromSeconds(1), null, CancellationToken.None));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SyncProgress(List<double> reports) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
