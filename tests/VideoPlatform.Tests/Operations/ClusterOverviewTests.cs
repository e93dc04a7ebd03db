using System.Diagnostics;
using System.Text.Json;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Tests.EndToEnd;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Operations;

/// <summary>GET /api/admin/cluster on two general and two media silos, and two uploads encoding side by side.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterOverviewTests(TwoMediaSiloCluster silos) : IClassFixture<TwoMediaSiloCluster>, IDisposable
{
    private readonly TempFolder folder = new("vp-overview");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task AdminCluster_ListsEverySiloWithItsPool_AndMediaSilosWithTheirLoad()
    {
        var body = JsonDocument.Parse(await silos.Http.GetStringAsync("/api/admin/cluster")).RootElement;

        var listed = body.GetProperty("silos").EnumerateArray().ToDictionary(s => s.GetProperty("address").GetString()!);
        var expected = silos.Cluster.Cluster.Silos.ToDictionary(s => s.SiloAddress.ToParsableString(), s => silos.Cluster.PoolOf(s));
        Assert.Equal(expected.Keys.Order(), listed.Keys.Order());
        foreach (var (address, silo) in listed)
        {
            Assert.Equal(expected[address] == SiloPool.Media ? "media" : "general", silo.GetProperty("pool").GetString());
            Assert.Equal("active", silo.GetProperty("status").GetString());
            Assert.True(silo.GetProperty("activations").GetInt32() >= 0);
            if (expected[address] == SiloPool.Media)
            {
                Assert.Equal(1, silo.GetProperty("runningJobs").GetInt32() + silo.GetProperty("freeSlots").GetInt32());
                Assert.True(silo.GetProperty("liveSessions").GetInt32() >= 0);
            }
            else
            {
                Assert.False(silo.TryGetProperty("freeSlots", out _), $"a general silo with media figures: {silo}");
            }
        }
    }

    [Fact]
    public async Task TwoUploads_TwoMediaSilos_EncodeAtTheSameTimeOnDifferentSilos()
    {
        var clip = await TestMedia.ClipAsync(folder.Path, 1280, 720, 12);
        var ids = new[] { await VodSteps.CreateAsync(silos.Http, "side-a"), await VodSteps.CreateAsync(silos.Http, "side-b") };
        await Task.WhenAll(ids.Select(id => VodSteps.PutSourceAsync(silos.Http, id, clip)));

        // Each job's running interval as seen by polling, and the cluster view at a moment both ran.
        var clock = Stopwatch.StartNew();
        var started = new Dictionary<string, TimeSpan>();
        var ended = new Dictionary<string, TimeSpan>();
        var silosOf = new Dictionary<string, string>();
        var sawBothBusy = false;
        while (ended.Count < ids.Length && clock.Elapsed < TimeSpan.FromMinutes(4))
        {
            foreach (var id in ids.Where(i => !ended.ContainsKey(i)))
            {
                var job = await silos.JobAsync(id);
                if (job?.Status == TranscodeJobStatus.Running && !started.ContainsKey(id))
                {
                    (started[id], silosOf[id]) = (clock.Elapsed, TwoMediaSiloCluster.SiloOf(job));
                }
                else if (job?.Status is TranscodeJobStatus.Succeeded or TranscodeJobStatus.Failed)
                {
                    ended[id] = clock.Elapsed;
                }
            }

            if (!sawBothBusy && started.Count == 2 && ended.Count == 0)
            {
                var overview = await silos.Cluster.Client.GetGrain<IClusterOverviewGrain>(ClusterOverview.Key).Describe();
                sawBothBusy = overview.Silos.Where(s => s.Pool == SiloPool.Media).All(s => s is { RunningJobs: 1, FreeSlots: 0 });
            }

            await Task.Delay(100);
        }

        Assert.Equal(2, ended.Count);
        foreach (var id in ids)
        {
            Assert.Equal(TranscodeJobStatus.Succeeded, (await silos.JobAsync(id))!.Status);
        }

        Assert.NotEqual(silosOf[ids[0]], silosOf[ids[1]]);
        Assert.True(started[ids[0]] < ended[ids[1]] && started[ids[1]] < ended[ids[0]],
            $"running intervals do not overlap: {string.Join("; ", ids.Select(i => $"{started[i]}..{ended[i]}"))}");
        Assert.True(sawBothBusy, "the cluster view never showed both media silos with their one slot busy");
    }
}
