using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Grains.Webhooks;

/// <summary>
/// A user's endpoints. Listing and fan-out read this grain only; each endpoint's secret and deliveries stay in its own
/// <see cref="WebhookEndpointGrain"/>.
/// </summary>
public sealed class WebhookOwnerGrain(
    [PersistentState("webhooks")] IPersistentState<WebhookOwnerState> state,
    IOptions<WebhookSettings> options,
    TimeProvider time) : Grain, IWebhookOwnerGrain
{
    public async Task<WebhookCreated?> Create(string url, IReadOnlyList<string> events)
    {
        if (state.State.Endpoints.Count >= options.Value.MaxEndpointsPerUser)
        {
            return null;
        }

        var endpoint = new WebhookEndpoint
        {
            Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)),
            OwnerId = this.GetPrimaryKeyString(),
            Url = url,
            Events = events,
            CreatedAt = time.GetUtcNow(),
        };
        var secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        // The endpoint first: a crash in between leaves an endpoint nobody lists, never a listed one without its secret.
        await GrainFactory.GetGrain<IWebhookEndpointGrain>(endpoint.Id).Create(endpoint, secret);
        state.State.Endpoints.Add(endpoint);
        await state.WriteStateAsync();
        return new WebhookCreated(endpoint, secret);
    }

    public Task<IReadOnlyList<WebhookEndpoint>> List() => Task.FromResult<IReadOnlyList<WebhookEndpoint>>([.. state.State.Endpoints]);

    public async Task<bool> Delete(string endpointId)
    {
        if (state.State.Endpoints.RemoveAll(e => e.Id == endpointId) == 0)
        {
            return false;
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IWebhookEndpointGrain>(endpointId).Delete();
        return true;
    }

    public Task Publish(WebhookEvent webhookEvent) => Task.WhenAll(state.State.Endpoints
        .Where(e => e.Events.Contains(webhookEvent.Type, StringComparer.Ordinal))
        .Select(e => GrainFactory.GetGrain<IWebhookEndpointGrain>(e.Id).Enqueue(webhookEvent)));
}

[GenerateSerializer, Alias("VideoPlatform.WebhookOwnerState")]
public sealed class WebhookOwnerState
{
    [Id(0)] public List<WebhookEndpoint> Endpoints { get; set; } = [];
}
