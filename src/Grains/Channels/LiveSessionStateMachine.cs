using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Channels;

/// <summary>A session starts Publishing; a drop interrupts it until the streamer resumes or the grace ends it.</summary>
public static class LiveSessionStateMachine
{
    public static readonly TransitionTable<LiveSessionStatus, LiveSessionTrigger> Table = new("live session")
    {
        { LiveSessionStatus.Publishing, LiveSessionTrigger.Interrupt, LiveSessionStatus.Interrupted },
        // The streamer takes over its own session whose ingest lease lapsed (a half-open connection).
        { LiveSessionStatus.Publishing, LiveSessionTrigger.Resume, LiveSessionStatus.Publishing },
        { LiveSessionStatus.Publishing, LiveSessionTrigger.End, LiveSessionStatus.Ended },

        { LiveSessionStatus.Interrupted, LiveSessionTrigger.Resume, LiveSessionStatus.Publishing },
        { LiveSessionStatus.Interrupted, LiveSessionTrigger.End, LiveSessionStatus.Ended },
    };
}
