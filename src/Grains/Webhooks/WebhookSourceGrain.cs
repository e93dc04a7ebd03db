using Orleans.Streams;
using Orleans.Streams.Core;

namespace VideoPlatform.Grains.Webhooks;

/// <summary>Marker for the stream consumers that turn lifecycle events into webhooks (nothing calls them directly).</summary>
[Alias("VideoPlatform.IWebhookSourceGrain")]
public interface IWebhookSourceGrain : IGrainWithStringKey;

/// <summary>
/// An implicit subscriber to one lifecycle stream: maps each event to its owner and a webhook, and returns only once the
/// owner's endpoints have stored it, so a failure lets the stream deliver the event again (endpoints de-duplicate).
/// </summary>
public abstract class WebhookSourceGrain<TEvent> : Grain, IWebhookSourceGrain, IStreamSubscriptionObserver
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<TEvent>().ResumeAsync((e, _) => OnEventAsync(e));

    /// <summary>The owner and the webhook, or null when the event is not one endpoints subscribe to.</summary>
    protected abstract Task<(string OwnerId, WebhookEvent Event)?> MapAsync(TEvent e);

    private async Task OnEventAsync(TEvent e)
    {
        if (await MapAsync(e) is { } mapped)
        {
            await GrainFactory.GetGrain<IWebhookOwnerGrain>(mapped.OwnerId).Publish(mapped.Event);
        }
    }
}
