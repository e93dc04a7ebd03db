using VideoPlatform.Grains.Transcoding;

namespace VideoPlatform.Tests.Grains.Transcoding;

[Trait("Category", "Unit")]
public sealed class FairQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static QueuedJob Job(string id, string owner, int arrivedSecond, DateTimeOffset? notBefore = null) =>
        new(id, notBefore ?? Now, Now.AddSeconds(arrivedSecond), owner);

    [Fact]
    public void Pop_FloodingOwner_OthersTakeTurnsBetweenItsJobs()
    {
        var queue = new FairQueue(perOwner: 1000);
        for (var i = 0; i < 500; i++)
        {
            queue.Push(Job($"a{i}", "flooder", i));
        }

        queue.Push(Job("b0", "bob", 600));
        queue.Push(Job("c0", "carol", 601));
        queue.Push(Job("b1", "bob", 602));

        var served = Enumerable.Range(0, 6).Select(_ => queue.Pop(Now, "w")).ToList();

        Assert.Equal(["a0", "b0", "c0", "a1", "b1", "a2"], served);
    }

    [Fact]
    public void Pop_OwnerAtCap_SkippedUntilItsJobEnds()
    {
        var queue = new FairQueue(perOwner: 2);
        for (var i = 0; i < 4; i++)
        {
            queue.Push(Job($"a{i}", "alice", i));
        }

        Assert.Equal("a0", queue.Pop(Now, "w1"));
        Assert.Equal("a1", queue.Pop(Now, "w2"));
        Assert.Null(queue.Pop(Now, "w3"));
        Assert.Null(queue.NextRunnable());

        Assert.True(queue.SetRunning("a0", "alice", null));

        Assert.Equal(Now, queue.NextRunnable());
        Assert.Equal("a2", queue.Pop(Now, "w3"));
    }

    [Fact]
    public void Push_RetoldAfterTheQueueForgot_KeepsItsPlaceByFirstArrival()
    {
        var queue = new FairQueue(perOwner: 5);
        queue.Push(Job("second", "alice", 2));
        queue.Push(Job("first", "alice", 1));

        Assert.Equal("first", queue.Pop(Now, "w"));
        Assert.Equal("second", queue.Pop(Now, "w"));
    }

    [Fact]
    public void Pop_JobInBackoff_OthersOfTheOwnerGoFirst()
    {
        var queue = new FairQueue(perOwner: 5);
        queue.Push(Job("retrying", "alice", 0, Now.AddMinutes(1)));
        queue.Push(Job("fresh", "alice", 1));

        Assert.Equal("fresh", queue.Pop(Now, "w"));
        Assert.Null(queue.Pop(Now, "w"));
        Assert.Equal(Now.AddMinutes(1), queue.NextRunnable());
    }

    [Fact]
    public void RemoveAndSetRunning_KeepCountsAndStatsExact()
    {
        var queue = new FairQueue(perOwner: 2);
        queue.Push(Job("a0", "alice", 0));
        queue.Push(Job("a1", "alice", 1));
        queue.Push(Job("b0", "bob", 2));

        Assert.True(queue.Remove("a1"));
        Assert.False(queue.Remove("a1"));
        Assert.Equal("a0", queue.Pop(Now, "w1"));
        queue.SetRunning("a0", "alice", "w1");

        var stats = queue.Stats();
        Assert.Equal((1, 1), (stats.Queued, stats.Running));
        Assert.Equal(["b0"], stats.QueuedJobs);
        Assert.Equal("w1", stats.RunningJobs["a0"]);
    }

    [Fact]
    public void Push_OfAJobCountedAsRunning_FreesItsSlotAndQueuesItAgain()
    {
        var queue = new FairQueue(perOwner: 1);
        queue.Push(Job("a0", "alice", 0));
        queue.Push(Job("a1", "alice", 1));
        Assert.Equal("a0", queue.Pop(Now, "w"));
        Assert.Null(queue.Pop(Now, "w")); // alice is at her cap

        // a0's worker died and its release never arrived; the job grain pushes it as waiting again.
        Assert.True(queue.Push(Job("a0", "alice", 0)));

        Assert.Equal(0, queue.Running);
        Assert.Equal(2, queue.Waiting);
        Assert.Equal("a0", queue.Pop(Now, "w2"));
    }
}
