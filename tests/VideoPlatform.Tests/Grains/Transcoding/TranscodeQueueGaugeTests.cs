using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Transcoding;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TranscodeQueueGaugeTests(PlatformClusterFixture cluster)
{
    private const string Instrument = "vp.transcode.queue_depth";

    [Fact]
    public void Gauge_ReportsItsDepthOnlyWhileSet()
    {
        using var gauge = new TranscodeQueueGauge();

        var before = Observe();
        gauge.Set(7919);
        var set = Observe();
        gauge.Clear();
        var cleared = Observe();

        Assert.DoesNotContain(7919, before);
        Assert.Contains(7919, set);
        Assert.DoesNotContain(7919, cleared);
        Assert.Null(gauge.Current);
    }

    [Fact]
    public async Task Cluster_ExactlyTheSiloHostingTheQueueReportsItsDepth()
    {
        var queue = cluster.Client.GetGrain<ITranscodeQueueGrain>(TranscodeQueue.Key);
        List<int?> reporting = [];
        int queued = -1;

        // Jobs from earlier tests may still move through the queue: compare a quiet moment's two readings.
        var agreed = await Eventually.WaitAsync(
            async () =>
            {
                queued = (await queue.Stats()).Queued;
                reporting = cluster.Cluster.Silos
                    .Where(s => s.IsActive)
                    .Select(s => s.ServiceProvider.GetRequiredService<TranscodeQueueGauge>().Current)
                    .Where(d => d is not null)
                    .ToList();
                return reporting.Count == 1 && reporting[0] == queued;
            },
            TimeSpan.FromSeconds(10));

        Assert.True(agreed, $"silos reporting: [{string.Join(", ", reporting)}], queue holds {queued}");
    }

    private static List<int> Observe()
    {
        var seen = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == Instrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => seen.Add(value));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
