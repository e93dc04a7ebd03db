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
            Assert.Equal((null, PublishRejection.InvalidKey), PublishPolicy.Decide(status, null, keyMatches: false, Now));
        }
    }

    [Fact]
    public void Decide_Idle_StartsSession() =>
        Assert.Equal((ChannelTrigger.Publish, PublishRejection.None), PublishPolicy.Decide(ChannelStatus.Idle, null, true, Now));

    [Fact]
    public void Decide_Disabled_Rejected() =>
        Assert.Equal((null, PublishRejection.Disabled), PublishPolicy.Decide(ChannelStatus.Disabled, null, true, Now));

    [Fact]
    public void Decide_LiveWithHealthyLease_SecondPublisherRejected() =>
        Assert.Equal((null, PublishRejection.AlreadyLive), PublishPolicy.Decide(ChannelStatus.Live, Session(Now.AddSeconds(5)), true, Now));

    [Fact]
    public void Decide_LiveButInterrupted_SameStreamerResumes() =>
        Assert.Equal((ChannelTrigger.Resume, PublishRejection.None),
            PublishPolicy.Decide(ChannelStatus.Live, Session(Now.AddSeconds(5), Now.AddSeconds(-2)), true, Now));

    [Fact]
    public void Decide_LiveWithLapsedLease_HalfOpenSessionTakenOver() =>
        Assert.Equal((ChannelTrigger.Resume, PublishRejection.None), PublishPolicy.Decide(ChannelStatus.Live, Session(Now.AddSeconds(-1)), true, Now));

    [Fact]
    public void Expired_HealthyOrWithinGrace_Null()
    {
        Assert.Null(PublishPolicy.Expired(Session(Now.AddSeconds(1)), Now, Grace));
        Assert.Null(PublishPolicy.Expired(Session(Now.AddSeconds(-30), Now.AddSeconds(-14)), Now, Grace));
    }

    [Fact]
    public void Expired_LeaseLapsedOrGraceOver_GivesReason()
    {
        Assert.Equal("ingest lease expired", PublishPolicy.Expired(Session(Now.AddMilliseconds(-1)), Now, Grace));
        Assert.Equal("publisher did not reconnect", PublishPolicy.Expired(Session(Now.AddSeconds(5), Now.AddSeconds(-15)), Now, Grace));
    }
}
