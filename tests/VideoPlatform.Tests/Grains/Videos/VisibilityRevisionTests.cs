using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Videos;

/// <summary>The counter a public video's CDN URLs carry: raised by a change of visibility, by nothing else, and kept.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VisibilityRevisionTests(PlatformClusterFixture cluster)
{
    [Fact]
    public async Task Update_RaisesTheRevisionOnlyWhenVisibilityChanges_AndItSurvivesReactivation()
    {
        var video = cluster.Client.GetGrain<IVideoGrain>($"rev-{Guid.NewGuid():N}"[..20]);
        await video.Create(new CreateVideo { Title = "t", Visibility = Visibility.Public });

        Assert.Equal(0, (await video.Update(new VideoPatch { Title = "renamed", Tags = ["x"] })).VisibilityRevision);
        Assert.Equal(0, (await video.Update(new VideoPatch { Visibility = Visibility.Public })).VisibilityRevision);
        Assert.Equal(1, (await video.Update(new VideoPatch { Visibility = Visibility.Private })).VisibilityRevision);
        Assert.Equal(1, (await video.Update(new VideoPatch { Description = "d" })).VisibilityRevision);
        Assert.Equal(2, (await video.Update(new VideoPatch { Visibility = Visibility.Public })).VisibilityRevision);

        await Reactivation.DeactivateAsync(cluster.Client, video);

        Assert.Equal(2, (await video.Get())!.VisibilityRevision);
    }
}
