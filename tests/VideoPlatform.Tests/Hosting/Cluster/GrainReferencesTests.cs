using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Hosting.Cluster;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GrainReferencesTests(PlatformClusterFixture cluster)
{
    [Fact]
    public void GetGrainFast_SameGrainAndInterfaceAsGetGrain_FirstAndLaterCalls()
    {
        var client = cluster.Client;
        for (var i = 0; i < 3; i++)
        {
            var key = $"refs{i}";
            var fast = client.GetGrainFast<IVideoGrain>(key);
            var plain = client.GetGrain<IVideoGrain>(key);

            Assert.Equal(plain.GetGrainId(), fast.GetGrainId());
            Assert.Equal(((GrainReference)plain).InterfaceType, ((GrainReference)fast).InterfaceType);
        }

        // One cache entry per interface: a user grain keeps its own grain type.
        Assert.Equal(client.GetGrain<IUserGrain>("refs0").GetGrainId(), client.GetGrainFast<IUserGrain>("refs0").GetGrainId());
        Assert.NotEqual(client.GetGrainFast<IVideoGrain>("refs0").GetGrainId(), client.GetGrainFast<IUserGrain>("refs0").GetGrainId());
    }

    [Fact]
    public async Task GetGrainFast_CallsReachTheGrain()
    {
        Assert.Null(await cluster.Client.GetGrainFast<IVideoGrain>("refsNone0000").Get());
    }
}
