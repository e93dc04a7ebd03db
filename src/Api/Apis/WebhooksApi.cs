using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Webhooks;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Api.Apis;

/// <summary>/api/webhooks: an owner's endpoints (the signing secret shown once, on create) and their delivery logs.</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization();
        group.MapPost("/", CreateAsync).WithName("CreateWebhook");
        group.MapGet("/", ListAsync).WithName("ListWebhooks");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteWebhook");
        group.MapGet("/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries");
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateWebhookRequest request, HttpContext context, IClusterClient grains, WebhookTargets targets)
    {
        var events = request.Events?.Distinct(StringComparer.Ordinal).ToList();
        if (events is not { Count: > 0 } || !events.TrueForAll(WebhookEventTypes.IsKnown))
        {
            return ApiProblem.BadRequest("invalid_events", $"events must list one or more of {string.Join(", ", WebhookEventTypes.All)}");
        }

        if (WebhookTargets.ShapeProblem(request.Url, out var url) is { } shape)
        {
            return ApiProblem.BadRequest(shape.Code, shape.Message);
        }

        // Checked again on every connection (after DNS resolution), since the name may resolve elsewhere later.
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        lookup.CancelAfter(TimeSpan.FromSeconds(5));
        var (_, problem) = await targets.VetAsync(url!.IdnHost, lookup.Token);
        if (problem is not null)
        {
            return ApiProblem.BadRequest(problem.Code, problem.Message);
        }

        var created = await Owner(grains, context).Create(url.AbsoluteUri, events);
        if (created is null)
        {
            return ApiProblem.Conflict("too_many_webhooks", "The most webhook endpoints a user may have are registered already");
        }

        return TypedResults.Created($"/api/webhooks/{created.Endpoint.Id}", Map(created.Endpoint) with { Secret = created.Secret });
    }

    private static async Task<IResult> ListAsync(HttpContext context, IClusterClient grains) =>
        TypedResults.Ok(new PageResponse<WebhookResponse>((await Owner(grains, context).List()).Select(Map).ToList(), null));

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IClusterClient grains) =>
        PlatformIds.IsWellFormed(id) && await Owner(grains, context).Delete(id) ? TypedResults.NoContent() : ApiProblem.NotFound("Webhook", id);

    private static async Task<IResult> DeliveriesAsync(string id, HttpContext context, IClusterClient grains)
    {
        var endpoint = PlatformIds.IsWellFormed(id) ? grains.GetGrain<IWebhookEndpointGrain>(id) : null;
        if (endpoint is null || (await endpoint.Get())?.OwnerId != Caller.IdOf(context.User))
        {
            return ApiProblem.NotFound("Webhook", id);
        }

        var deliveries = await endpoint.Deliveries();
        return TypedResults.Ok(new PageResponse<WebhookDeliveryResponse>(deliveries.Select(d => new WebhookDeliveryResponse(
            d.Id, d.Type, d.CreatedAt, d.Status.ToString().ToLowerInvariant(), d.Attempts, d.LastStatus, d.LastError, d.NextAttemptAt, d.DeliveredAt)).ToList(), null));
    }

    private static IWebhookOwnerGrain Owner(IClusterClient grains, HttpContext context) =>
        grains.GetGrain<IWebhookOwnerGrain>(Caller.IdOf(context.User) ?? throw new InvalidOperationException("RequireAuthorization lets only signed-in callers in"));

    private static WebhookResponse Map(WebhookEndpoint e) => new(e.Id, e.Url, e.Events, e.CreatedAt);
}
