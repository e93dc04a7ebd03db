namespace VideoPlatform.Grains.Webhooks;

/// <summary>
/// The endpoint, its secret and its bounded delivery log. The secret lives only here: no grain method or endpoint
/// returns it after <see cref="IWebhookOwnerGrain.Create"/>.
/// </summary>
[GenerateSerializer, Alias("VideoPlatform.WebhookEndpointState")]
public sealed class WebhookEndpointState
{
    [Id(0)] public WebhookEndpoint? Endpoint { get; set; }
    [Id(1)] public string? Secret { get; set; }

    /// <summary>Oldest first; at most <c>Webhooks:LogSize</c>.</summary>
    [Id(2)] public List<WebhookDelivery> Deliveries { get; set; } = [];

    /// <summary>Ids of the latest deliveries taken in (more than the log keeps), so an event told again is not sent again.</summary>
    [Id(3)] public List<string> Recent { get; set; } = [];
}

[GenerateSerializer, Alias("VideoPlatform.WebhookDelivery")]
public sealed class WebhookDelivery
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Type { get; set; } = "";
    /// <summary>When the event happened.</summary>
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When this endpoint took it in; retries stop <c>Webhooks:RetryFor</c> after it.</summary>
    [Id(3)] public DateTimeOffset EnqueuedAt { get; set; }
    /// <summary>Built once, so every retry sends the same bytes.</summary>
    [Id(4)] public string Body { get; set; } = "";
    [Id(5)] public int Attempts { get; set; }
    [Id(6)] public int? LastStatus { get; set; }
    [Id(7)] public string? LastError { get; set; }
    [Id(8)] public DateTimeOffset? NextAttemptAt { get; set; }
    [Id(9)] public DateTimeOffset? DeliveredAt { get; set; }
    [Id(10)] public WebhookDeliveryStatus Status { get; set; }

    public WebhookDeliveryInfo ToInfo() => new()
    {
        Id = Id,
        Type = Type,
        CreatedAt = CreatedAt,
        Attempts = Attempts,
        LastStatus = LastStatus,
        LastError = LastError,
        NextAttemptAt = NextAttemptAt,
        DeliveredAt = DeliveredAt,
        Status = Status,
    };
}
