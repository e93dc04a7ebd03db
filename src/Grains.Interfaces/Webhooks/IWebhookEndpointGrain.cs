namespace VideoPlatform.Grains.Webhooks;

/// <summary>
/// One endpoint, keyed by its id: holds the secret, queues and delivers events with retries, keeps the delivery log.
/// One grain per endpoint, so a slow receiver only ever delays its own deliveries.
/// </summary>
[Alias("VideoPlatform.IWebhookEndpointGrain")]
public interface IWebhookEndpointGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task Create(WebhookEndpoint endpoint, string secret);

    /// <summary>Null when the endpoint does not exist (never created, or deleted).</summary>
    [Alias("Get"), ReadOnly]
    Task<WebhookEndpoint?> Get();

    /// <summary>Forgets the endpoint, its secret and its log; pending deliveries are not sent.</summary>
    [Alias("Delete")]
    Task Delete();

    /// <summary>Stores a delivery of the event (once per event id, however often it is told) and starts sending it.</summary>
    [Alias("Enqueue")]
    Task Enqueue(WebhookEvent webhookEvent);

    /// <summary>The delivery log, newest first.</summary>
    [Alias("Deliveries"), ReadOnly]
    Task<IReadOnlyList<WebhookDeliveryInfo>> Deliveries();
}
