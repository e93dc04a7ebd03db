using VideoPlatform.Grains.Channels;

namespace VideoPlatform.Tests.Grains.Channels;

[Trait("Category", "Unit")]
public sealed class ChannelStateMachineTests
{
    public static TheoryData<ChannelStatus, ChannelTrigger, ChannelStatus> Allowed => new()
    {
        { ChannelStatus.Idle, ChannelTrigger.Publish, ChannelStatus.Live },
        { ChannelStatus.Idle, ChannelTrigger.Disable, ChannelStatus.Disabled },
        { ChannelStatus.Live, ChannelTrigger.Interrupt, ChannelStatus.Live },
        { ChannelStatus.Live, ChannelTrigger.Resume, ChannelStatus.Live },
        { ChannelStatus.Live, ChannelTrigger.End, ChannelStatus.Idle },
        { ChannelStatus.Live, ChannelTrigger.Disable, ChannelStatus.Disabled },
        { ChannelStatus.Disabled, ChannelTrigger.Enable, ChannelStatus.Idle },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Fire_AllowedTransition_ReturnsTarget(ChannelStatus from, ChannelTrigger trigger, ChannelStatus to)
    {
        Assert.True(ChannelStateMachine.CanFire(from, trigger));
        Assert.Equal(to, ChannelStateMachine.Fire(from, trigger));
    }

    [Fact]
    public void Fire_EveryOtherPair_ThrowsTypedError()
    {
        var allowed = ChannelStateMachine.All.Select(t => (t.From, t.Trigger)).ToHashSet();
        Assert.Equal(7, allowed.Count);
        var illegal = 0;
        foreach (var from in Enum.GetValues<ChannelStatus>())
        {
            foreach (var trigger in Enum.GetValues<ChannelTrigger>().Where(t => !allowed.Contains((from, t))))
            {
                var error = Assert.Throws<IllegalChannelTransitionException>(() => ChannelStateMachine.Fire(from, trigger));
                Assert.Equal(from, error.From);
                Assert.Equal(trigger, error.Trigger);
                illegal++;
            }
        }

        // 3 statuses × 6 triggers, 7 of them allowed: e.g. publish while disabled, end while idle, enable while live.
        Assert.Equal(11, illegal);
        Assert.False(ChannelStateMachine.CanFire(ChannelStatus.Disabled, ChannelTrigger.Publish));
        Assert.False(ChannelStateMachine.CanFire(ChannelStatus.Idle, ChannelTrigger.End));
    }
}
