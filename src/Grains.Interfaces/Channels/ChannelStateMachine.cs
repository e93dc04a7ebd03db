using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Channels;

/// <summary>
/// Idle → Live(session) → Idle; Live ⇄ Interrupted while the publisher reconnects; Disabled from any state but
/// itself (a live session ends), back to Idle on enable.
/// </summary>
public static class ChannelStateMachine
{
    public static readonly TransitionTable<ChannelStatus, ChannelTrigger> Table = new("channel")
    {
        { ChannelStatus.Idle, ChannelTrigger.Publish, ChannelStatus.Live },
        { ChannelStatus.Idle, ChannelTrigger.Disable, ChannelStatus.Disabled },

        { ChannelStatus.Live, ChannelTrigger.Interrupt, ChannelStatus.Interrupted },
        // The streamer takes over its own session whose ingest lease lapsed (a half-open connection).
        { ChannelStatus.Live, ChannelTrigger.Resume, ChannelStatus.Live },
        { ChannelStatus.Live, ChannelTrigger.End, ChannelStatus.Idle },
        { ChannelStatus.Live, ChannelTrigger.Disable, ChannelStatus.Disabled },

        { ChannelStatus.Interrupted, ChannelTrigger.Resume, ChannelStatus.Live },
        { ChannelStatus.Interrupted, ChannelTrigger.End, ChannelStatus.Idle },
        { ChannelStatus.Interrupted, ChannelTrigger.Disable, ChannelStatus.Disabled },

        { ChannelStatus.Disabled, ChannelTrigger.Enable, ChannelStatus.Idle },
    };

    /// <summary>A session exists (publishing or waiting for its publisher): what viewers and listings call "live".</summary>
    public static bool HasSession(ChannelStatus status) => status is ChannelStatus.Live or ChannelStatus.Interrupted;
}
