using System.Collections.Concurrent;
using Orleans.Streams;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Videos;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VideoEventsTests(PlatformClusterFixture cluster)
{
    [Fact]
    public async Task EveryTransition_IsPublishedOnTheVideoStream()
    {
        var id = $"events-{Guid.NewGuid():N}"[..20];
        var received = new ConcurrentQueue<VideoEvent>();
        var stream = cluster.Client.GetStreamProvider(StreamNames.Provider).GetStream<VideoEvent>(StreamId.Create(StreamNames.Video, id));
        var handle = await stream.SubscribeAsync((e, _) =>
        {
            received.Enqueue(e);
            return Task.CompletedTask;
        });
        var video = cluster.Client.GetGrain<IVideoGrain>(id);

        await video.Create(new CreateVideo { Title = "events" });
        await video.BeginUpload("upload-1");
        await video.Update(new VideoPatch { Title = "renamed" });
        await video.Delete();

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (received.Count < 4 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50);
        }

        await handle.UnsubscribeAsync();
        var events = received.OrderBy(e => e.Version).ToList();
        Assert.Equal(
            [(null, VideoStatus.Created), (VideoStatus.Created, VideoStatus.Uploading), (VideoStatus.Uploading, VideoStatus.Uploading), (VideoStatus.Uploading, VideoStatus.Deleted)],
            events.Select(e => (e.From, e.To)));
        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Version));
        Assert.Equal(4, events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events, e => Assert.Equal(id, e.VideoId));
    }
}
