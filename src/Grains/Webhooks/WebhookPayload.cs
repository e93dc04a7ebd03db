using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPlatform.Grains.Webhooks;

/// <summary>What a receiver gets: <c>{id, type, createdAt, data}</c>, with an id that is the same for every retry.</summary>
public static class WebhookPayload
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Stable per (event, endpoint): a stream event told twice maps to the same delivery, and receivers de-duplicate on it.</summary>
    public static string DeliveryId(Guid eventId, string endpointId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId:N}/{endpointId}"));
        return "evt_" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static string Body(string deliveryId, WebhookEvent e) => new JsonObject
    {
        ["id"] = deliveryId,
        ["type"] = e.Type,
        ["createdAt"] = e.CreatedAt,
        ["data"] = JsonNode.Parse(e.Data),
    }.ToJsonString(Json);

    public static string Data<T>(T data) => JsonSerializer.Serialize(data, Json);
}
