namespace VideoPlatform.Grains.Channels;

/// <summary>
/// The channel lifecycle in one table: Idle → Live(session) → Idle; Live → Live on interrupt/resume;
/// Disabled from Idle or Live (a live session ends), back to Idle on enable.
/// </summary>
public static class ChannelStateMachine
{
    private static readonly Dictionary<(ChannelStatus From, ChannelTrigger Trigger), ChannelStatus> Transitions = new()
    {
        [(ChannelStatus.Idle, ChannelTrigger.Publish)] = ChannelStatus.Live,
        [(ChannelStatus.Idle, ChannelTrigger.Disable)] = ChannelStatus.Disabled,

        [(ChannelStatus.Live, ChannelTrigger.Interrupt)] = ChannelStatus.Live,
        [(ChannelStatus.Live, ChannelTrigger.Resume)] = ChannelStatus.Live,
        [(ChannelStatus.Live, ChannelTrigger.End)] = ChannelStatus.Idle,
        [(ChannelStatus.Live, ChannelTrigger.Disable)] = ChannelStatus.Disabled,

        [(ChannelStatus.Disabled, ChannelTrigger.Enable)] = ChannelStatus.Idle,
    };

    public static bool CanFire(ChannelStatus from, ChannelTrigger trigger) => Transitions.ContainsKey((from, trigger));

    /// <summary>The status after <paramref name="trigger"/>; throws <see cref="IllegalChannelTransitionException"/> when not allowed.</summary>
    public static ChannelStatus Fire(ChannelStatus from, ChannelTrigger trigger) =>
        Transitions.TryGetValue((from, trigger), out var to) ? to : throw new IllegalChannelTransitionException(from, trigger);

    public static IEnumerable<(ChannelStatus From, ChannelTrigger Trigger, ChannelStatus To)> All =>
        Transitions.Select(t => (t.Key.From, t.Key.Trigger, t.Value));
}
