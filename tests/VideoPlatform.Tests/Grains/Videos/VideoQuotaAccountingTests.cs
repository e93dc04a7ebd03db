using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Videos;

/// <summary>A video reports what it holds in the store to its owner's quota: everything published once Ready, nothing once deleted.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VideoQuotaAccountingTests(PlatformClusterFixture cluster)
{
    [Fact]
    public async Task ReadyVideo_CountsItsPublishedBytes_AndDeletingGivesThemBack()
    {
        var owner = $"owner-{Guid.NewGuid():N}"[..20];
        var id = $"quota-{Guid.NewGuid():N}"[..20];
        var store = new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System);
        var master = MediaKeys.Video(id, MediaKeys.MasterPlaylist);
        await store.PutAsync(master, new MemoryStream(new byte[300]));
        await store.PutAsync(MediaKeys.Video(id, "240p/seg_00000.m4s"), new MemoryStream(new byte[4000]));
        var video = cluster.Client.GetGrain<IVideoGrain>(id);
        var quota = cluster.Client.GetGrain<IUserQuotaGrain>(owner);

        await video.Create(new CreateVideo { Title = "recording", OwnerId = owner });
        await video.ImportRecording(new TranscodeOutput { Source = new SourceInfo(), Renditions = [], MasterKey = master });
        var ready = (await quota.GetUsage()).StoredBytes;
        await video.Delete();
        var deleted = (await quota.GetUsage()).StoredBytes;

        Assert.Equal(4300, ready);
        Assert.Equal(0, deleted);
    }
}
