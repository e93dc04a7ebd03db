using VideoPlatform.TranscodeSilo.Ingest.Packaging;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.TranscodeSilo.Ingest.Server;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Packaging;

[Trait("Category", "Unit")]
public sealed class MediaQueueTests
{
    [Fact]
    public void TryAdd_RefusesPastTheByteCap_NotTheMessageCount()
    {
        using var metrics = new LiveIngestMetrics();
        var queue = new MediaQueue(capacityBytes: 10_000, metrics);

        var accepted = Enumerable.Range(0, 20).TakeWhile(i => queue.TryAdd(Audio(3000))).Count();

        Assert.Equal(3, accepted);
        Assert.Equal(9000, queue.QueuedBytes);
        Assert.True(queue.TryAdd(Audio(1000)), "a message that still fits is taken");
        Assert.Equal(10_000, metrics.PeakSessionQueuedBytes);
    }

    [Fact]
    public async Task Release_FreesRoom_ReleaseAll_ZeroesTheNodeTotal()
    {
        using var metrics = new LiveIngestMetrics();
        var queue = new MediaQueue(capacityBytes: 5000, metrics);
        Assert.True(queue.TryAdd(Audio(3000)));
        Assert.False(queue.TryAdd(Audio(3000)));

        await foreach (var message in queue.ReadAllAsync(CancellationToken.None))
        {
            queue.Release(message);
            break;
        }

        Assert.True(queue.TryAdd(Audio(3000)));
        queue.ReleaseAll();
        Assert.Equal(0, metrics.QueuedBytes);
        Assert.False(queue.TryAdd(Audio(10)), "a finished queue takes nothing");
    }

    private static RtmpMessage Audio(int size) => new(4, RtmpMessageType.Audio, 0, 1, new byte[size]);
}
