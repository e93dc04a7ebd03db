using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Operations;

/// <summary>
/// Figure 10b: two general silos, one media silo and the Api as separate processes (the failure test's helpers) on
/// their own PostgreSQL, under an upload + playback load through the Api; a third of the way in, kill -9 one general
/// silo. The Api's error rate over the whole run, and the time from the kill to the last failed request (after it
/// every request, each a grain call, succeeds again). Orleans' default membership timings: what production gets.
/// </summary>
public static class SiloLossBench
{
    private const string Name = "10b Kill -9 a general silo under upload + playback: Api error rate";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, Workspace work) => await Guard.RunAsync(async () =>
    {
        await using var postgres = await PostgresServer.StartAsync();
        var folder = work.Folder("silo-loss");
        await using var platform = await ProcessPlatform.StartAsync(new PlatformLayout
        {
            RepoRoot = options.RepoRoot,
            Configuration = "Release",
            PostgresConnectionString = await postgres.CreateDatabaseAsync(),
            StoreRoot = Directory.CreateDirectory(Path.Combine(folder, "objects")).FullName,
            LogFolder = Directory.CreateDirectory(Path.Combine(folder, "logs")).FullName,
            GeneralSilos = 2,
            MediaSilos = 1,
            Settings = new Dictionary<string, string>
            {
                ["VideoPlatform:Auth:UploadPermitsPerMinute"] = "100000",
                ["VideoPlatform:Transcode:Worker:Preset"] = "ultrafast",
            },
        }, TimeSpan.FromMinutes(3));
        Say.Line("10b: platform up (2 general silos, 1 media silo, Api)");
        var clip = await SmallClip.CreateAsync(folder, 4);
        var run = TimeSpan.FromSeconds(options.Full ? 120 : 60);
        await using var load = await PlatformLoad.StartAsync(platform.Api.Http, clip, TimeSpan.FromSeconds(2), players: 4);
        await Task.Delay(run / 3);
        var fault = load.Record.Now;
        Say.Line("10b: kill -9 silo-1");
        await platform.General[0].KillAsync();
        await Task.Delay(run - (run / 3));
        await load.StopAsync();

        var record = load.Record;
        var recovery = record.RecoveryAfter(fault);
        var percent = record.ErrorRate * 100;
        Say.Line($"10b: {record.Total} requests, {record.Failed} failed ({Say.Number(percent, "0.00")} %), every request sent {Say.Number(recovery.TotalSeconds, "0.0")} s or more after the kill succeeds, longest failure {Say.Number(record.LongestFailure.TotalSeconds, "0.0")} s; {record.FailureSummary()}");
        return [new Figure
        {
            Id = "10b",
            Name = Name,
            Unit = "%",
            MeasuredLabel = $"{record.Failed} of {record.Total} requests",
            Measured = Measure.Summary.Of([percent]),
            Goal = Goal.MeasuredAtMost(1, "%"),
            Details = new Dictionary<string, double>
            {
                ["requests"] = record.Total,
                ["failed"] = record.Failed,
                ["recovery_s"] = recovery.TotalSeconds,
                ["longest_failure_s"] = record.LongestFailure.TotalSeconds,
                ["run_s"] = run.TotalSeconds,
                ["uploads_acknowledged"] = load.Acknowledged.Count,
            },
            Note = $"every request sent {recovery.TotalSeconds:0.0} s or more after the kill succeeds (goal ≤ 30 s: {(recovery.TotalSeconds <= 30 ? "pass" : "FAIL")}); " +
                $"the longest failed request waited {record.LongestFailure.TotalSeconds:0.0} s; " +
                "Orleans' default membership timings (probe 5 s); create + PUT of a 4 s clip every 2 s, 4 players reading metadata and master playlists",
        }];
    }, ("10b", Name));
}
