namespace VideoPlatform.Api.Contracts;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record WebhookResponse(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt)
{
    /// <summary>Only in the create response.</summary>
    public string? Secret { get; init; }
}

public sealed record WebhookDeliveryResponse(
    string Id, string Type, DateTimeOffset CreatedAt, string Status, int Attempts, int? LastStatus, string? LastError,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);
