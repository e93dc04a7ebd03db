using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace VideoPlatform.Grains.Platform;

public static class LifecycleEvents
{
    /// <summary>
    /// Publishes a lifecycle event after the transition is persisted. A publish that fails (a slow or absent stream
    /// provider) is logged and leaves the transition standing: consumers are at-least-once and the state is the truth.
    /// </summary>
    public static async Task PublishAsync<T>(this Grain grain, string streamNamespace, string key, T item, ILogger logger)
    {
        try
        {
            await grain.GetStreamProvider(StreamNames.Provider).GetStream<T>(StreamId.Create(streamNamespace, key)).OnNextAsync(item);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "{Event} for {Key} not published on {Namespace}", typeof(T).Name, key, streamNamespace);
        }
    }
}
