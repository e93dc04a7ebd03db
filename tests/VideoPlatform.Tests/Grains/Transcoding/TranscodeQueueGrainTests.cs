using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Transcoding;

[Collection(ClusterCollection.Name)]
public sealed class TranscodeQueueGrainTests(PlatformClusterFixture cluster)
{
    private ITranscodeQueueGrain NewQueue() => cluster.Client.GetGrain<ITranscodeQueueGrain>($"test-{Guid.NewGuid():N}");

    [Fact]
    public async Task Pop_ServesJobsFirstInFirstOut()
    {
        var queue = NewQueue();
        var now = TimeProvider.System.GetUtcNow();
        foreach (var job in new[] { "a", "b", "c" })
        {
            await queue.Push(job, now);
        }

        Assert.Equal("a", await queue.Pop("w"));
        Assert.Equal("b", await queue.Pop("w"));
        Assert.Equal("c", await queue.Pop("w"));
        Assert.Null(await queue.Pop("w"));
    }

    [Fact]
    public async Task Pop_SkipsJobsInBackoffUntilTheirTime()
    {
        var queue = NewQueue();
        var now = TimeProvider.System.GetUtcNow();
        await queue.Push("later", now.AddHours(1));
        await queue.Push("now", now);

        Assert.Equal("now", await queue.Pop("w"));
        Assert.Null(await queue.Pop("w"));
        Assert.Equal(1, (await queue.Stats()).Queued);
    }

    [Fact]
    public async Task Push_SameJobTwice_QueuesItOnce()
    {
        var queue = NewQueue();
        var now = TimeProvider.System.GetUtcNow();
        await queue.Push("x", now);
        await queue.Push("x", now);

        Assert.Equal(["x"], (await queue.Stats()).QueuedJobs);
    }

    [Fact]
    public async Task SetRunning_IsVisibleInStats()
    {
        var queue = NewQueue();
        await queue.SetRunning("job", "worker-1");

        var stats = await queue.Stats();
        Assert.Equal(1, stats.Running);
        Assert.Equal("worker-1", stats.RunningJobs["job"]);

        await queue.SetRunning("job", null);
        Assert.Equal(0, (await queue.Stats()).Running);
    }
}
