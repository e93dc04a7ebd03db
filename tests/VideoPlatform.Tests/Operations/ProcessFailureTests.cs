using System.Globalization;
using VideoPlatform.ProcessHosts;
using VideoPlatform.Tests.Fixtures;
using Xunit.Abstractions;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// The platform as separate processes (two general silos, two media silos, the Api, its own PostgreSQL) under a steady
/// upload + playback load: kill -9 a general silo, then a media silo mid-encode, then restart PostgreSQL. Every
/// acknowledged upload ends Ready, no video is left waiting for a job, both dead silos are Dead in the membership
/// table, and the Api kept answering. Error rate and recovery times are printed (docs/operations.md keeps them).
/// </summary>
[Collection(ProcessFailureCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ProcessFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(5);
    private readonly TempFolder folder = new("vp-failure");
    private PostgresServer postgres = null!;
    private string connectionString = null!;
    private ProcessPlatform platform = null!;
    private bool passed;
    private int disposed;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync(); // xunit does not dispose a class whose InitializeAsync failed: stop what did start
            throw;
        }
    }

    private async Task StartAsync()
    {
        postgres = await PostgresServer.StartAsync();
        connectionString = await postgres.CreateDatabaseAsync();
        platform = await ProcessPlatform.StartAsync(new PlatformLayout
        {
            RepoRoot = RenderedManifests.RepoRoot,
            Configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug",
            PostgresConnectionString = connectionString,
            StoreRoot = Directory.CreateDirectory(Path.Combine(folder.Path, "objects")).FullName,
            LogFolder = Directory.CreateDirectory(Path.Combine(folder.Path, "logs")).FullName,
            Settings = FailureSettings,
        }, TimeSpan.FromMinutes(2));
    }

    /// <summary>Short membership probes and job leases (orleans-ops.md §5), fast encodes, no per-user limits for the load.</summary>
    public static IReadOnlyDictionary<string, string> FailureSettings { get; } = new Dictionary<string, string>
    {
        ["VideoPlatform:Membership:ProbeTimeout"] = "00:00:02",
        ["VideoPlatform:Membership:GatewayListRefresh"] = "00:00:05",
        ["VideoPlatform:Transcode:Lease"] = "00:00:06",
        ["VideoPlatform:Transcode:BackoffBase"] = "00:00:01",
        ["VideoPlatform:Transcode:Worker:Preset"] = "ultrafast",
        ["VideoPlatform:Transcode:Worker:MaxConcurrentJobs"] = "1",
        ["VideoPlatform:Auth:AuthPermitsPerMinute"] = "100000",
        ["VideoPlatform:Auth:UploadPermitsPerMinute"] = "100000",
        ["VideoPlatform:Auth:PasswordIterations"] = "10000",
        ["VideoPlatform:Telemetry:Prometheus"] = "false",
    };

    /// <summary>A hard bound (a pass takes 2-4 min): under the suite's 8 min hang timeout, which would end every other test with it.</summary>
    private const int HardTimeoutMs = 7 * 60 * 1000;

    [Fact(Timeout = HardTimeoutMs)]
    public async Task KillSilosAndRestartPostgres_UnderLoad_EveryAcknowledgedUploadIsReadyAndTheDeadAreDead()
    {
        var clip = await SmallClip.CreateAsync(folder.Path, 4);
        await using var load = await PlatformLoad.StartAsync(platform.Api.Http, clip, TimeSpan.FromSeconds(2), players: 2);
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(load.Acknowledged.Count >= 2), TimeSpan.FromSeconds(60)), "no upload was acknowledged: " + load.Record.FailureSummary());

        var general = platform.General[0];
        var generalFault = load.Record.Now;
        await general.KillAsync();
        await WaitDeadAsync(general);
        await WaitHealthyAsync(load, "after the general silo");
        var windows = new List<(TimeSpan Fault, TimeSpan Healthy)> { (generalFault, load.Record.Now) };
        var generalRecovery = load.Record.RecoveryAfter(generalFault);

        var media = await MediaSiloEncodingAsync();
        var mediaFault = load.Record.Now;
        await media.KillAsync();
        await WaitDeadAsync(media);
        await WaitHealthyAsync(load, "after the media silo");
        windows.Add((mediaFault, load.Record.Now));
        var mediaRecovery = load.Record.RecoveryAfter(mediaFault);

        var postgresFault = load.Record.Now;
        await postgres.RestartAsync(TimeSpan.FromSeconds(3));
        await WaitHealthyAsync(load, "after PostgreSQL's restart");
        windows.Add((postgresFault, load.Record.Now));
        var postgresRecovery = load.Record.RecoveryAfter(postgresFault);
        await load.StopAsync();

        // An upload whose answer was lost in a fault (not acknowledged) may still have reached its job: it gets the same
        // time to finish, so the check below is about videos left stuck, not about where one was at a given moment.
        var acknowledged = load.Acknowledged;
        var settled = await Eventually.WaitAsync(async () => Settled(acknowledged, await load.StatusesAsync(load.Created)), TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(1));
        var statuses = await load.StatusesAsync(load.Created);
        var record = load.Record;
        var report = string.Create(CultureInfo.InvariantCulture,
            $"failure test: {record.Total} requests, {record.Failed} failed ({record.ErrorRate:P2}); recovery after kill -9 general silo {generalRecovery.TotalSeconds:0.0} s, " +
            $"media silo {mediaRecovery.TotalSeconds:0.0} s, PostgreSQL restart {postgresRecovery.TotalSeconds:0.0} s; longest failed request {record.LongestFailure.TotalSeconds:0.0} s; " +
            $"{acknowledged.Count} uploads acknowledged. Failures: {record.FailureSummary()}");
        output.WriteLine(report);
        Console.WriteLine(report);
        foreach (var host in platform.General.Concat(platform.Media).Append(platform.Api))
        {
            // What the hosts logged as failures, to read with a failed assertion (the folder goes with the test).
            foreach (var line in File.ReadLines(host.LogFile).Where(l => l.Contains(" fail: ", StringComparison.Ordinal)).TakeLast(5))
            {
                output.WriteLine($"{host.Name}: {(line.Length > 400 ? line[..400] + " …" : line)}");
            }
        }

        Assert.True(settled, "not every acknowledged upload became ready, or a video was left waiting: " + string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}")));
        Assert.Equal([], statuses.Where(s => !Resting(s.Value)).Select(s => $"{s.Key}={s.Value}"));
        Assert.DoesNotContain(record.Snapshot(), r => r.Outcome == nameof(HttpRequestException)); // the Api never refused a connection
        // Nor left one unanswered: a fault is a 503 within the Api's 10 s grain response timeout, not the client's 30 s.
        Assert.DoesNotContain(record.Snapshot(), r => r.Outcome == nameof(TaskCanceledException));
        // The error rate depends on how long the load ran between faults; what must hold is that requests failed only
        // while a fault lasted (each window is bounded by WaitHealthyAsync's deadline).
        var unexplained = record.FailuresOutside(windows);
        Assert.True(unexplained is [], "requests failed outside the faults: " +
            string.Join(", ", unexplained.Select(r => $"{r.What} {r.Outcome} at {r.At.TotalSeconds:0.0} s")) + "; " + report);
        passed = true;
    }

    /// <summary>Every acknowledged upload is ready, and nothing waits for a job that no worker will run.</summary>
    private static bool Settled(IReadOnlyList<string> acknowledged, Dictionary<string, string> statuses) =>
        acknowledged.All(id => statuses.GetValueOrDefault(id) == "ready") && statuses.Values.All(Resting);

    /// <summary>Ready, or never got its bytes (an upload cut off by a fault stays resumable).</summary>
    private static bool Resting(string status) => status is "ready" or "created" or "uploading";

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (platform is not null)
        {
            await platform.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        if (!passed)
        {
            KeepLogs();
        }

        folder.Dispose();
    }

    /// <summary>A failed run's host logs go to TestResults/failure-test (or VP_TEST_ARTIFACTS), to find its cause after the folder is gone.</summary>
    private void KeepLogs()
    {
        var logs = Path.Combine(folder.Path, "logs");
        var root = Environment.GetEnvironmentVariable("VP_TEST_ARTIFACTS") is { Length: > 0 } dir ? dir : Path.Combine(RenderedManifests.RepoRoot, "TestResults");
        var target = Directory.CreateDirectory(Path.Combine(root, "failure-test", TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))).FullName;
        foreach (var log in Directory.Exists(logs) ? Directory.EnumerateFiles(logs, "*.log") : [])
        {
            File.Copy(log, Path.Combine(target, Path.GetFileName(log)));
        }

        output.WriteLine($"host logs kept in {target}");
    }

    private async Task WaitDeadAsync(HostProcess silo)
    {
        var port = platform.SiloPorts[silo.Name];
        var dead = await Eventually.WaitAsync(async () =>
        {
            try
            {
                return (await MembershipTable.StatusByPortAsync(connectionString)).GetValueOrDefault(port) == MembershipTable.Dead;
            }
            catch (Npgsql.NpgsqlException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500));
        Assert.True(dead, $"{silo.Name} (silo port {port}) was never declared dead in the membership table");
    }

    private static async Task WaitHealthyAsync(PlatformLoad load, string when)
    {
        var healthy = await Eventually.WaitAsync(() => Task.FromResult(load.Record.HealthyFor(Healthy)), TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500));
        Assert.True(healthy, $"the Api did not answer every request for {Healthy.TotalSeconds} s {when}: {load.Record.FailureSummary()}");
    }

    /// <summary>The media silo with an encode running: its work folder holds a job folder.</summary>
    private async Task<HostProcess> MediaSiloEncodingAsync()
    {
        HostProcess? busy = null;
        var found = await Eventually.WaitAsync(() =>
        {
            busy = platform.Media.FirstOrDefault(m => Directory.Exists(WorkFolder(m)) && Directory.EnumerateDirectories(WorkFolder(m), "vp-job-*").Any());
            return Task.FromResult(busy is not null);
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        Assert.True(found, "no media silo was seen encoding");
        return busy!;
    }

    private string WorkFolder(HostProcess media) => Path.Combine(folder.Path, "logs", media.Name + "-work");
}

/// <summary>Five host processes on a 2-core runner: run after the parallel collections, alone, so neither slows the other into a timeout.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessFailureCollection
{
    public const string Name = "process-failure";
}
