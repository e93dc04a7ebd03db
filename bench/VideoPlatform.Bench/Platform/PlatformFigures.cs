using VideoPlatform.Bench.Live;
using VideoPlatform.Bench.Load;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Upload;

namespace VideoPlatform.Bench.Platform;

/// <summary>
/// Figures 1b-6b: they need the running platform, started here and stopped at the end; 3b then runs a second
/// platform on the S3 store (see <see cref="S3Figures"/>).
/// </summary>
public static class PlatformFigures
{
    private static readonly (string Id, string Name)[] ReadyRows = Rows.Of("1b", "2a", "2b");
    private static readonly (string Id, string Name)[] UploadRows = Rows.Of("3a", "3c");
    private static readonly (string Id, string Name)[] PlaybackRows = Rows.Of("4a", "4b", "4c", "4d");
    private static readonly (string Id, string Name)[] MetadataRows = Rows.Of("5a", "5b");
    private static readonly (string Id, string Name)[] LatencyRows = Rows.Of("6a");
    private static readonly (string Id, string Name)[] PublisherRows = Rows.Of("6b");
    private static readonly (string Id, string Name)[] AnalyticsRows = Rows.Of("7a", "7b");
    private static readonly (string Id, string Name)[] WebAppRows = Rows.Of("9a", "9b");

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, Workspace work)
    {
        var all = ReadyRows.Concat(UploadRows).Concat(PlaybackRows).Concat(MetadataRows).Concat(LatencyRows).Concat(PublisherRows).Concat(AnalyticsRows).Concat(WebAppRows).Append(Rows.Row("3b"))
            .Where(r => options.Selected(r.Id)).ToArray();
        if (all.Length == 0)
        {
            return [];
        }

        if (options.SkipPlatform)
        {
            return NotMeasured(all, "--no-platform");
        }

        var figures = new List<Figure>();
        if (all.Any(r => r.Id != "3b"))
        {
            figures.AddRange(await OnFileSystemStoreAsync(options, work, all.Where(r => r.Id != "3b").ToArray()));
        }

        if (options.Selected("3b"))
        {
            figures.AddRange(options.RunS3
                ? await S3Figures.RunAsync(options, work)
                : [Figure.NotMeasuredRow("3b", Rows.Name("3b"), "--full only (a second platform on s3rver costs about 40 s)") with { Goal = Goal.AtLeast(0.7) }]);
        }

        return figures;
    }

    private static async Task<IReadOnlyList<Figure>> OnFileSystemStoreAsync(BenchOptions options, Workspace work, (string Id, string Name)[] rows)
    {
        PlatformProcess platform;
        try
        {
            // 7a posts far more batches from one address than a player would: the per-IP limit is lifted. One bench
            // account creates and uploads far more than a user's quotas allow (7a: 200 videos): they are off. 6b
            // publishes up to 8 channels of that account at once, past the per-user cap of live sessions (3).
            platform = await PlatformProcess.StartAsync(options, TimeSpan.FromSeconds(180),
                new Dictionary<string, string>
                {
                    ["VideoPlatform__Analytics__EventBatchesPerMinute"] = "100000000",
                    ["VideoPlatform__Quotas__MaxStoredBytes"] = "0",
                    ["VideoPlatform__Quotas__MaxVideosPerDay"] = "0",
                    ["VideoPlatform__Quotas__MaxConcurrentUploads"] = "0",
                    ["VideoPlatform__Live__Channel__MaxLiveSessionsPerUser"] = "1000",
                    ["VideoPlatform__Live__ChannelsPerHour"] = "100000",
                });
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            Say.Line(ex.Message);
            return NotMeasured(rows, "the platform did not start: " + ex.Message);
        }

        await using (platform)
        {
            using var api = new ApiClient(platform.Api);
            await api.SignInAsync();
            var figures = new List<Figure>();
            string? readyId = null;
            var needsReady = options.AnySelected(PlaybackRows.Concat(MetadataRows).Concat(WebAppRows).Select(r => r.Id));
            if (options.AnySelected(ReadyRows.Select(r => r.Id)))
            {
                figures.AddRange(await Guard.RunAsync(async () =>
                {
                    var (measured, id) = await TimeToReadyBench.RunAsync(options, platform, api, work);
                    readyId = id;
                    return measured;
                }, ReadyRows));
            }
            else if (needsReady)
            {
                readyId = await TimeToReadyBench.PrepareReadyVideoAsync(platform, api, work);
            }

            if (options.AnySelected(UploadRows.Select(r => r.Id)))
            {
                figures.AddRange((await Guard.RunAsync(() => UploadBench.RunAsync(options, platform, api, work), UploadRows)).Where(f => f.Id is "3a" or "3c"));
            }

            if (needsReady && readyId is null)
            {
                figures.AddRange(NotMeasured(PlaybackRows.Concat(MetadataRows).Concat(WebAppRows), "no Ready video (figure 2 failed)"));
            }
            else if (readyId is not null)
            {
                if (options.AnySelected(PlaybackRows.Select(r => r.Id)))
                {
                    figures.AddRange(await Guard.RunAsync(() => PlaybackBench.RunAsync(options, platform, readyId, work), PlaybackRows));
                }

                if (options.AnySelected(MetadataRows.Select(r => r.Id)))
                {
                    figures.AddRange(await Guard.RunAsync(() => MetadataBench.RunAsync(options, platform, api, readyId), MetadataRows));
                }

                if (options.AnySelected(WebAppRows.Select(r => r.Id)))
                {
                    figures.AddRange(await Guard.RunAsync(() => WebApp.WatchPageBench.RunAsync(platform, readyId), WebAppRows));
                }
            }

            if (options.Selected("6a"))
            {
                figures.AddRange(await Guard.RunAsync(() => LatencyBench.RunAsync(options, platform, api, work), LatencyRows));
            }

            if (options.Selected("6b"))
            {
                figures.AddRange(await Guard.RunAsync(() => PublishersBench.RunAsync(options, platform, api, work), PublisherRows));
            }

            if (options.AnySelected(AnalyticsRows.Select(r => r.Id)))
            {
                figures.AddRange(await Guard.RunAsync(() => Analytics.AnalyticsBench.RunAsync(options, platform, api), AnalyticsRows));
            }

            return figures;
        }
    }

    private static List<Figure> NotMeasured(IEnumerable<(string Id, string Name)> rows, string reason) =>
        rows.Select(r => Figure.NotMeasuredRow(r.Id, r.Name, reason)).ToList();
}
