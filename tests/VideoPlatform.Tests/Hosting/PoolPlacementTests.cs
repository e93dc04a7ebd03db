using VideoPlatform.Grains.Health;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Hosting;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PoolPlacementTests(PlatformClusterFixture fixture)
{
    [Fact]
    public async Task MediaGrain_ActivatesOnlyOnMediaSilos()
    {
        var mediaSilos = fixture.SilosOf(SiloPool.Media).Select(s => s.SiloAddress.ToString()).ToHashSet();
        Assert.NotEmpty(mediaSilos);
        for (var i = 0; i < 40; i++)
        {
            var reply = await fixture.Client.GetGrain<IMediaPoolProbeGrain>($"media-{i}").Describe();
            Assert.Equal(nameof(SiloPool.Media), reply.Pool);
            Assert.Contains(reply.SiloAddress, mediaSilos);
        }
    }

    [Fact]
    public async Task GeneralGrain_NeverActivatesOnMediaSilos()
    {
        for (var i = 0; i < 40; i++)
        {
            var reply = await fixture.Client.GetGrain<IPoolProbeGrain>($"general-{i}").Describe();
            Assert.Equal(nameof(SiloPool.General), reply.Pool);
        }
    }
}
