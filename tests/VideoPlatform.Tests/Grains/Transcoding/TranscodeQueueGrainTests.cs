using System.Diagnostics;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Transcoding;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TranscodeQueueGrainTests(PlatformClusterFixture cluster)
{
    private ITranscodeQueueGrain NewQueue() => cluster.Client.GetGrain<ITranscodeQueueGrain>($"test-{Guid.NewGuid():N}");

    private static QueuedJob Job(string id, DateTimeOffset notBefore, string owner = "o") => new(id, notBefore, TimeProvider.System.GetUtcNow(), owner);

    [Fact]
    public async Task Pop_OneOwnerFloods_AnotherOwnersJobIsServedNext()
    {
        var queue = NewQueue();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < 50; i++)
        {
            await queue.Push(Job($"flood-{i}", now, owner: "flooder"));
        }

        await queue.Push(Job("mine", now, owner: "someone"));

        Assert.Equal("flood-0", await queue.Pop("w1"));
        Assert.Equal("mine", await queue.Pop("w2"));
    }

    [Fact]
    public async Task Pop_OwnerAtItsCap_ItsNextJobWaitsUntilASlotIsFree()
    {
        var queue = NewQueue();
        var now = TimeProvider.System.GetUtcNow();
        foreach (var job in new[] { "a", "b", "c" })
        {
            await queue.Push(Job(job, now));
        }

        Assert.Equal("a", await queue.Pop("w1"));
        Assert.Equal("b", await queue.Pop("w2"));
        Assert.Null(await queue.Pop("w3")); // the test cluster allows two per owner, like the default
        var waiting = queue.WaitForWork(TimeSpan.FromSeconds(25), CancellationToken.None);

        await queue.SetRunning("a", "o", null);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("c", await queue.Pop("w3"));
    }

    [Fact]
    public async Task Pop_ServesJobsFirstInFirstOut()
    {
        var queue = NewQueue();
        var now = TimeProvider.System.GetUtcNow();
        foreach (var job in new[] { "a", "b", "c" })
        {
            await queue.Push(Job(job, now));
        }

        foreach (var job in new[] { "a", "b", "c" })
        {
            Assert.Equal(job, await queue.Pop("w"));
            await queue.SetRunning(job, "o", null);
        }

        Assert.Null(await queue.Pop("w"));
    }

    [Fact]
    public async Task Pop_SkipsJobsInBackoffUntilTheirTime()
    {
        var queue = NewQueue();
        var now = TimeProvider.System.GetUtcNow();
        await queue.Push(Job("later", now.AddHours(1)));
        await queue.Push(Job("now", now));

        Assert.Equal("now", await queue.Pop("w"));
        Assert.Null(await queue.Pop("w"));
        Assert.Equal(1, (await queue.Stats()).Queued);
    }

    [Fact]
    public async Task Push_SameJobTwice_QueuesItOnce()
    {
        var queue = NewQueue();
        var now = TimeProvider.System.GetUtcNow();
        await queue.Push(Job("x", now));
        await queue.Push(Job("x", now));

        Assert.Equal(["x"], (await queue.Stats()).QueuedJobs);
    }

    [Fact]
    public async Task SetRunning_IsVisibleInStats()
    {
        var queue = NewQueue();
        await queue.SetRunning("job", "o", "worker-1");

        var stats = await queue.Stats();
        Assert.Equal(1, stats.Running);
        Assert.Equal("worker-1", stats.RunningJobs["job"]);

        await queue.SetRunning("job", "o", null);
        Assert.Equal(0, (await queue.Stats()).Running);
    }

    [Fact]
    public async Task WaitForWork_WithARunnableJob_ReturnsAtOnce()
    {
        var queue = NewQueue();
        await queue.Push(Job("ready", TimeProvider.System.GetUtcNow()));

        var waited = Stopwatch.StartNew();
        Assert.True(await queue.WaitForWork(TimeSpan.FromSeconds(25), CancellationToken.None));
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"took {waited.Elapsed}");
    }

    [Fact]
    public async Task WaitForWork_WakesOnPush_LongBeforeItsLimit()
    {
        var queue = NewQueue();
        var waited = Stopwatch.StartNew();
        var waiting = queue.WaitForWork(TimeSpan.FromSeconds(25), CancellationToken.None);

        // An empty queue can only answer true once something is pushed, and false only at its 25 s limit.
        await queue.Push(Job("pushed", TimeProvider.System.GetUtcNow()));

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(12), $"took {waited.Elapsed}");
        Assert.Equal("pushed", await queue.Pop("w"));
    }

    [Fact]
    public async Task WaitForWork_EmptyQueue_ReturnsFalseAfterItsLimit()
    {
        var queue = NewQueue();
        var waited = Stopwatch.StartNew();

        Assert.False(await queue.WaitForWork(TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(250), $"returned after {waited.Elapsed}");
    }

    [Fact]
    public async Task WaitForWork_JobInBackoff_WakesWhenItsTimeComes()
    {
        var queue = NewQueue();
        var waited = Stopwatch.StartNew();
        var due = TimeProvider.System.GetUtcNow().AddMilliseconds(500);
        await queue.Push(Job("retry", due));

        Assert.True(await queue.WaitForWork(TimeSpan.FromSeconds(25), CancellationToken.None));
        var woke = TimeProvider.System.GetUtcNow();
        Assert.True(woke >= due, $"woke at {woke:O}, before the backoff ended at {due:O}");
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(12), $"took {waited.Elapsed}");
        Assert.Equal("retry", await queue.Pop("w"));
    }

    [Fact]
    public async Task WaitForWork_Canceled_EndsTheWait()
    {
        var queue = NewQueue();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var waited = Stopwatch.StartNew();

        try
        {
            Assert.False(await queue.WaitForWork(TimeSpan.FromSeconds(25), cancel.Token));
        }
        catch (OperationCanceledException)
        {
            // Either answer ends the wait; what matters is that it ends now, not after 25 s.
        }

        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(12), $"took {waited.Elapsed}");
    }
}
