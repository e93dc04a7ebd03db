using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Grains.Webhooks;

/// <summary>
/// One endpoint's deliveries. Reentrant, so that taking in an event never waits behind an attempt in flight; the
/// state is only changed between awaits and written one write after another (<see cref="SaveAsync"/>). Due
/// deliveries are sent at most <c>MaxInFlight</c> at a time; a grain timer wakes it for the next retry, and a
/// reminder (durable) wakes it again after a crash or a deactivation.
/// </summary>
[Reentrant]
public sealed class WebhookEndpointGrain(
    [PersistentState("webhook")] IPersistentState<WebhookEndpointState> state,
    IWebhookSender sender,
    IOptions<WebhookSettings> options,
    TimeProvider time,
    ILogger<WebhookEndpointGrain> logger) : Grain, IWebhookEndpointGrain, IRemindable
{
    private const string RetryReminder = "webhook-retry";
    private const int RecentIds = 1000;

    private readonly WebhookSettings settings = options.Value;
    private readonly HashSet<string> inFlight = [];
    private Task writing = Task.CompletedTask;
    private IGrainTimer? wake;
    private bool reminderRegistered;

    public async Task Create(WebhookEndpoint endpoint, string secret)
    {
        state.State = new WebhookEndpointState { Endpoint = endpoint, Secret = secret };
        await SaveAsync();
    }

    public Task<WebhookEndpoint?> Get() => Task.FromResult(state.State.Endpoint);

    public async Task Delete()
    {
        state.State = new WebhookEndpointState();
        wake?.Dispose();
        await SaveAsync();
        if (await this.GetReminder(RetryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }

    public async Task Enqueue(WebhookEvent webhookEvent)
    {
        if (state.State.Endpoint is not { } endpoint || !endpoint.Events.Contains(webhookEvent.Type, StringComparer.Ordinal))
        {
            return;
        }

        var id = WebhookPayload.DeliveryId(webhookEvent.EventId, endpoint.Id);
        if (state.State.Recent.Contains(id, StringComparer.Ordinal))
        {
            return;
        }

        var now = time.GetUtcNow();
        state.State.Deliveries.Add(new WebhookDelivery
        {
            Id = id,
            Type = webhookEvent.Type,
            CreatedAt = webhookEvent.CreatedAt,
            EnqueuedAt = now,
            Body = WebhookPayload.Body(id, webhookEvent),
            NextAttemptAt = now,
        });
        state.State.Recent.Add(id);
        if (state.State.Recent.Count > RecentIds)
        {
            state.State.Recent.RemoveRange(0, state.State.Recent.Count - RecentIds);
        }

        Trim();
        await SaveAsync();
        Pump();
        // After the first attempt started: the reminder only matters if this activation dies before it is delivered.
        if (!reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(RetryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            reminderRegistered = true;
        }
    }

    public Task<IReadOnlyList<WebhookDeliveryInfo>> Deliveries() =>
        Task.FromResult<IReadOnlyList<WebhookDeliveryInfo>>(state.State.Deliveries.AsEnumerable().Reverse().Select(d => d.ToInfo()).ToList());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Pump();
        if (!state.State.Deliveries.Any(d => d.Status == WebhookDeliveryStatus.Pending) && await this.GetReminder(RetryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            reminderRegistered = false;
        }
    }

    /// <summary>Starts every due delivery there is room for, then sets the timer for the next one that waits.</summary>
    private void Pump()
    {
        var now = time.GetUtcNow();
        var due = state.State.Deliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && !inFlight.Contains(d.Id))
            .OrderBy(d => d.NextAttemptAt)
            .Take(Math.Max(0, settings.MaxInFlight - inFlight.Count))
            .ToList();
        foreach (var delivery in due)
        {
            inFlight.Add(delivery.Id);
            _ = AttemptAsync(delivery);
        }

        wake?.Dispose();
        wake = null;
        // With every slot busy, the attempt that finishes pumps again; otherwise wait for the next retry that is not yet due.
        var next = inFlight.Count >= settings.MaxInFlight ? null : state.State.Deliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && !inFlight.Contains(d.Id) && d.NextAttemptAt > now)
            .Min(d => d.NextAttemptAt);
        if (next is { } at)
        {
            wake = this.RegisterGrainTimer(
                _ =>
                {
                    Pump();
                    return Task.CompletedTask;
                },
                new GrainTimerCreationOptions(at - now, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
    }

    private async Task AttemptAsync(WebhookDelivery delivery)
    {
        try
        {
            if (state.State is not { Endpoint: { } endpoint, Secret: { } secret })
            {
                return;
            }

            var signature = WebhookSignature.Sign(secret, time.GetUtcNow().ToUnixTimeSeconds(), delivery.Body);
            var attempt = await sender.SendAsync(new Uri(endpoint.Url), delivery.Body, signature, CancellationToken.None);
            if (state.State.Endpoint?.Id != endpoint.Id)
            {
                return; // deleted meanwhile
            }

            WebhookRetries.Record(delivery, attempt, time.GetUtcNow(), settings, Random.Shared.NextDouble());
            if (delivery.Status == WebhookDeliveryStatus.Failed)
            {
                logger.LogInformation("Webhook {DeliveryId} to endpoint {EndpointId} given up after {Attempts} attempts: {Status} {Error}",
                    delivery.Id, endpoint.Id, delivery.Attempts, attempt.Status, attempt.Error);
            }

            await SaveAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The delivery stays pending and is tried again when next due (its state write failed, or the sender threw).
            logger.LogWarning(ex, "Webhook {DeliveryId} attempt failed unexpectedly", delivery.Id);
        }
        finally
        {
            inFlight.Remove(delivery.Id);
            Pump();
        }
    }

    /// <summary>Keeps the log bounded: the oldest finished deliveries go first, then (a receiver down for long) the oldest pending ones.</summary>
    private void Trim()
    {
        var deliveries = state.State.Deliveries;
        while (deliveries.Count > settings.LogSize)
        {
            var victim = deliveries.FindIndex(d => d.Status != WebhookDeliveryStatus.Pending);
            if (victim < 0)
            {
                victim = deliveries.FindIndex(d => !inFlight.Contains(d.Id));
                logger.LogWarning("Webhook endpoint {EndpointId}: {Count} deliveries pending; dropping the oldest", state.State.Endpoint?.Id, deliveries.Count);
            }

            deliveries.RemoveAt(Math.Max(victim, 0));
        }
    }

    /// <summary>Writes never overlap (each would carry a stale ETag); each one writes the whole state as it is when it starts.</summary>
    private Task SaveAsync() => writing = WriteAfterAsync(writing);

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Its caller saw the failure; this write carries the same changes.
        }

        await state.WriteStateAsync();
    }
}
