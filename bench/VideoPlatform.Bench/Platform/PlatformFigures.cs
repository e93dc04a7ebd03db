using VideoPlatform.Bench.Load;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Upload;

namespace VideoPlatform.Bench.Platform;

/// <summary>Figures 1b-5b: they need the running platform, started here and stopped at the end.</summary>
public static class PlatformFigures
{
    private static readonly (string Id, string Name)[] ReadyRows =
        [("1b", "1b Transcode overhead through the platform"), ("2a", "2a Time to Ready"), ("2b", "2b Time to first playable")];

    private static readonly (string Id, string Name)[] PlaybackRows =
        [("4a", "4a Playback segment: requests/s"), ("4b", "4b Playback segment: p99"), ("4c", "4c Playback playlist: requests/s"), ("4d", "4d Playback playlist: p99")];

    private static readonly (string Id, string Name)[] MetadataRows =
        [("5a", "5a Metadata GET /api/videos/{id}: requests/s"), ("5b", "5b Metadata GET: p99")];

    private static readonly (string Id, string Name)[] UploadRows = [("3a", "3a Upload throughput, tus via the Api")];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, Workspace work)
    {
        var all = ReadyRows.Concat(UploadRows).Concat(PlaybackRows).Concat(MetadataRows).ToArray();
        if (options.SkipPlatform)
        {
            return NotMeasured(all, "--no-platform");
        }

        PlatformProcess platform;
        try
        {
            platform = await PlatformProcess.StartAsync(options, TimeSpan.FromSeconds(180));
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            Say.Line(ex.Message);
            return NotMeasured(all, "the platform did not start: " + ex.Message);
        }

        await using (platform)
        {
            using var api = new ApiClient(platform.Api);
            await api.SignInAsync();
            var figures = new List<Figure>();
            string? readyId = null;
            figures.AddRange(await Guard.RunAsync(async () =>
            {
                var (rows, id) = await TimeToReadyBench.RunAsync(options, platform, api, work);
                readyId = id;
                return rows;
            }, ReadyRows));
            figures.AddRange(await Guard.RunAsync(() => UploadBench.RunAsync(options, platform, api, work), UploadRows));
            if (readyId is null)
            {
                figures.AddRange(NotMeasured(PlaybackRows.Concat(MetadataRows), "no Ready video (figure 2 failed)"));
                return figures;
            }

            figures.AddRange(await Guard.RunAsync(() => PlaybackBench.RunAsync(options, platform, readyId, work), PlaybackRows));
            figures.AddRange(await Guard.RunAsync(() => MetadataBench.RunAsync(options, platform, api, readyId), MetadataRows));
            return figures;
        }
    }

    private static List<Figure> NotMeasured(IEnumerable<(string Id, string Name)> rows, string reason) =>
        rows.Select(r => Figure.NotMeasuredRow(r.Id, r.Name, reason)).ToList();
}
