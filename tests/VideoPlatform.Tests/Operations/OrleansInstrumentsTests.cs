using System.Diagnostics.Metrics;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Operations;

/// <summary>The Orleans instruments the Grafana dashboard reads have, in a running cluster, the unit and kind it assumes.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrleansInstrumentsTests(PlatformClusterFixture cluster)
{
    [Fact]
    public async Task DashboardsOrleansInstruments_HaveTheUnitAndKindItAssumes()
    {
        // One application request, so the caller's latency instrument exists whatever ran before.
        await cluster.Client.GetGrain<IVideoGrain>($"metrics-{Guid.NewGuid():N}").Get();
        var published = new List<PrometheusSeries>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "Microsoft.Orleans")
                {
                    lock (published)
                    {
                        published.Add(PrometheusSeries.Of(instrument));
                    }
                }
            },
        };
        listener.Start();

        Assert.All(GrafanaDashboardTests.Framework.Where(f => f.Instrument.StartsWith("orleans-", StringComparison.Ordinal)), f => Assert.Contains(f, published));
    }
}
