using VideoPlatform.Grains.Channels;

namespace VideoPlatform.Tests.Grains.Channels;

[Trait("Category", "Unit")]
public sealed class PublishPolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    private static LiveSession Session(DateTimeOffset leaseUntil, DateTimeOffset? interruptedAt = null) => new()
    {
        SessionId = "s1",
        IngestNode = "node",
        ConnectionId = "c1",
        StartedAt = Now.AddMinutes(-5),
        LeaseUntil = leaseUntil,
        InterruptedAt = interruptedAt,
    };

    [Fact]
    public void Decide_WrongKey_RejectedWhateverTheStatus()
    {
        foreach (var status in Enum.GetValues<ChannelStatus>())
        {
            Assert.Equal((null, PublishRejection.InvalidKey), PublishPolicy.Decide(status, keyMatches: false));
        }
    }

    [Fact]
    public void Decide_Idle_StartsSession() =>
        Assert.Equal((ChannelTrigger.Publish, PublishRejection.None), PublishPolicy.Decide(ChannelStatus.Idle, true));

    [Fact]
    public void Decide_Disabled_Rejected() =>
        Assert.Equal((null, PublishRejection.Disabled), PublishPolicy.Decide(ChannelStatus.Disabled, true));

    [Fact]
    public void Decide_WithSession_AsksTheSession()
    {
        Assert.Equal((ChannelTrigger.Resume, PublishRejection.None), PublishPolicy.Decide(ChannelStatus.Live, true));
        Assert.Equal((ChannelTrigger.Resume, PublishRejection.None), PublishPolicy.Decide(ChannelStatus.Interrupted, true));
    }

    [Fact]
    public void CanReattach_PublishingWithHealthyLease_SecondPublisherRejected() =>
        Assert.False(PublishPolicy.CanReattach(LiveSessionStatus.Publishing, Session(Now.AddSeconds(5)), Now));

    [Fact]
    public void CanReattach_Interrupted_SameStreamerResumes() =>
        Assert.True(PublishPolicy.CanReattach(LiveSessionStatus.Interrupted, Session(Now.AddSeconds(5), Now.AddSeconds(-2)), Now));

    [Fact]
    public void CanReattach_PublishingWithLapsedLease_HalfOpenSessionTakenOver() =>
        Assert.True(PublishPolicy.CanReattach(LiveSessionStatus.Publishing, Session(Now.AddSeconds(-1)), Now));

    [Fact]
    public void CanReattach_Ended_Never() =>
        Assert.False(PublishPolicy.CanReattach(LiveSessionStatus.Ended, Session(Now.AddSeconds(-1)), Now));

    [Fact]
    public void Expired_HealthyOrWithinGrace_Null()
    {
        Assert.Null(PublishPolicy.Expired(LiveSessionStatus.Publishing, Session(Now.AddSeconds(1)), Now, Grace));
        Assert.Null(PublishPolicy.Expired(LiveSessionStatus.Interrupted, Session(Now.AddSeconds(-30), Now.AddSeconds(-14)), Now, Grace));
        Assert.Null(PublishPolicy.Expired(LiveSessionStatus.Ended, Session(Now.AddSeconds(-30)), Now, Grace));
    }

    [Fact]
    public void Expired_LeaseLapsedOrGraceOver_GivesReason()
    {
        Assert.Equal("ingest lease expired", PublishPolicy.Expired(LiveSessionStatus.Publishing, Session(Now.AddMilliseconds(-1)), Now, Grace));
        Assert.Equal("publisher did not reconnect", PublishPolicy.Expired(LiveSessionStatus.Interrupted, Session(Now.AddSeconds(5), Now.AddSeconds(-15)), Now, Grace));
    }
}
