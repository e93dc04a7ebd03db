using VideoPlatform.Grains.Channels;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>The session grain's line back to this connection: an end it decides (key rotated, disabled) closes it at once.</summary>
internal sealed class SessionWatcher(Action<string> ended) : ILiveSessionObserver
{
    public Task Ended(string reason)
    {
        ended(reason);
        return Task.CompletedTask;
    }
}
