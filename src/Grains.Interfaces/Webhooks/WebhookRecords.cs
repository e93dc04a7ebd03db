namespace VideoPlatform.Grains.Webhooks;

/// <summary>A registered endpoint as its owner sees it (never the secret).</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.WebhookEndpoint")]
public sealed record WebhookEndpoint
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string OwnerId { get; init; }
    [Id(2)] public required string Url { get; init; }
    /// <summary>A plain array, so the typed JSON of grain storage can name it again (see VideoDetails.Tags).</summary>
    [Id(3)] public IReadOnlyList<string> Events { get; init => field = value.ToArray(); } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The endpoint just created, with its signing secret: the only time the secret leaves the grain.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.WebhookCreated")]
public sealed record WebhookCreated([property: Id(0)] WebhookEndpoint Endpoint, [property: Id(1)] string Secret);

/// <summary>
/// One platform event for an owner's endpoints. <see cref="Data"/> is the JSON object sent as <c>data</c>;
/// <see cref="EventId"/> is the source event's id, from which each endpoint derives a stable delivery id.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string Data);

/// <summary>One line of an endpoint's delivery log.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.WebhookDeliveryInfo")]
public sealed record WebhookDeliveryInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Type { get; init; }
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3)] public int Attempts { get; init; }
    [Id(4)] public int? LastStatus { get; init; }
    [Id(5)] public string? LastError { get; init; }
    [Id(6)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(7)] public DateTimeOffset? DeliveredAt { get; init; }
    /// <summary>Pending, delivered, or failed (retries exhausted, or dropped from a full queue).</summary>
    [Id(8)] public WebhookDeliveryStatus Status { get; init; }
}

[GenerateSerializer, Alias("VideoPlatform.WebhookDeliveryStatus")]
public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}
