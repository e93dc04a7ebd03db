namespace VideoPlatform.Grains.Channels;

/// <summary>
/// The ingest connection attached to a session, told at once when the session ends under it (key rotated, channel
/// disabled, another connection took over), rather than at its next lease renewal.
/// </summary>
[Alias("VideoPlatform.ILiveSessionObserver")]
public interface ILiveSessionObserver : IGrainObserver
{
    /// <summary>One-way: a session never waits on an ingest node.</summary>
    [Alias("Ended"), OneWay]
    Task Ended(string reason);
}
