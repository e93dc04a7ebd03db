using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Channels;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>The push half of the lease: the session grain tells this connection when it ended under it.</summary>
public sealed partial class IngestSession
{
    /// <summary>Asks the session grain to say at once when it ends under this connection; the lease is the fallback.</summary>
    private async Task WatchAsync()
    {
        // Held here: the runtime keeps only a weak reference to an observer.
        watcher = new SessionWatcher(reason =>
        {
            leaseLost = true;
            Abort($"session ended: {reason}");
        });
        try
        {
            if (await Session.Watch(context.ConnectionId, services.Grains.CreateObjectReference<ILiveSessionObserver>(watcher)) == SessionLease.Lost)
            {
                leaseLost = true;
                Abort("lease lost");
            }
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "Session {Session}: cannot watch for its end; the lease renewal will notice", context.SessionId);
        }
    }
}
