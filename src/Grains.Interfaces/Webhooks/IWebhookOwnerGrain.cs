namespace VideoPlatform.Grains.Webhooks;

/// <summary>A user's webhook endpoints, keyed by the user id: the list, the per-user bound, and the fan-out of events.</summary>
[Alias("VideoPlatform.IWebhookOwnerGrain")]
public interface IWebhookOwnerGrain : IGrainWithStringKey
{
    /// <summary>Null when the user already has the most endpoints allowed. The URL and types are validated by the caller.</summary>
    [Alias("Create")]
    Task<WebhookCreated?> Create(string url, IReadOnlyList<string> events);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<WebhookEndpoint>> List();

    /// <summary>False when the user has no such endpoint.</summary>
    [Alias("Delete")]
    Task<bool> Delete(string endpointId);

    /// <summary>Hands the event to every endpoint subscribed to its type; returns once each has stored it.</summary>
    [Alias("Publish"), ReadOnly]
    Task Publish(WebhookEvent webhookEvent);
}
