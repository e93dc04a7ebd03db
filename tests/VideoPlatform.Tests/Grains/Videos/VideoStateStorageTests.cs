using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Videos;

/// <summary>
/// Grain state is stored as typed JSON: a list whose runtime type cannot be named again (what a C# collection expression
/// makes for an IReadOnlyList) would be written fine and fail on the next activation. From the client the call is
/// serialized, which hands the grain a plain list; callers in the grain's own silo (the live recording grain) hand over
/// their objects as made, so <see cref="VideoDetails"/> keeps its tags as an array whatever it is given.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VideoStateStorageTests(PlatformClusterFixture cluster)
{
    [Fact]
    public void Tags_FromACollectionExpression_AreHeldAsAnArray()
    {
        var video = new VideoDetails { Id = "v", Title = "t", Tags = ["live", "music"] };
        var changed = video with { Tags = ["news"] };

        Assert.IsType<string[]>(video.Tags);
        Assert.IsType<string[]>(changed.Tags);
        Assert.Equal(["news"], changed.Tags);
        Assert.IsType<string[]>(new VideoDetails { Id = "v", Title = "t" }.Tags);
    }

    [Fact]
    public void Tags_AnArrayGiven_IsCopied()
    {
        string[] tags = ["live"];
        var video = new VideoDetails { Id = "v", Title = "t", Tags = tags };

        tags[0] = "changed";

        Assert.Equal(["live"], video.Tags);
    }

    [Fact]
    public async Task Create_TagsFromACollectionExpression_ReadBackAfterReactivation()
    {
        var id = $"tags-{Guid.NewGuid():N}"[..20];
        var video = cluster.Client.GetGrain<IVideoGrain>(id);
        await video.Create(new CreateVideo { Title = "recording", Tags = ["live"] });
        await video.Update(new VideoPatch { Tags = ["live", "music"] });

        await Reactivation.DeactivateAsync(cluster.Client, video);

        Assert.Equal(["live", "music"], (await video.Get())!.Tags);
    }
}
