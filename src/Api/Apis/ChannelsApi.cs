using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Live;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Api.Apis;

/// <summary>/api/channels: create (with the stream key, once), read, list (live first; ?owner=), edit settings, rotate the key.</summary>
public static class ChannelsApi
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/channels").WithTags("Channels");
        group.MapPost("/", CreateAsync).WithName("CreateChannel").RequireAuthorization().RequireRateLimiting(LiveSettings.ChannelCreationLimit);
        group.MapGet("/{id}", GetAsync).WithName("GetChannel");
        group.MapGet("/", ListAsync).WithName("ListChannels");
        group.MapPatch("/{id}", UpdateAsync).WithName("UpdateChannel").RequireAuthorization();
        group.MapPost("/{id}/stream-key", RotateKeyAsync).WithName("RotateStreamKey").RequireAuthorization();
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateChannelRequest request, HttpContext context, IClusterClient grains, ChannelMapper mapper)
    {
        if (NameProblem(request.Name, required: true) is { } problem)
        {
            return problem;
        }

        var created = await grains.GetGrain<IChannelGrain>(PlatformIds.New()).Create(new CreateChannel
        {
            Name = request.Name!.Trim(),
            OwnerId = Caller.IdOf(context.User),
            Settings = new ChannelSettings { Record = request.Record ?? true, LatencyMode = request.LatencyMode ?? LatencyMode.Normal },
        });
        var body = mapper.Map(created.Channel) with { StreamKey = created.StreamKey, Ingest = mapper.Ingest(context) };
        return TypedResults.Created($"/api/channels/{created.Channel.Id}", body);
    }

    private static async Task<IResult> GetAsync(string id, IClusterClient grains, ChannelMapper mapper) =>
        await FindAsync(grains, id) is { } channel ? TypedResults.Ok(mapper.Map(channel)) : ApiProblem.NotFound("Channel", id);

    private static async Task<IResult> ListAsync(string? owner, string? status, int? limit, ClaimsPrincipal user, IClusterClient grains, ChannelMapper mapper)
    {
        ChannelStatus? filter = null;
        if (status is not null)
        {
            // Interrupted is internal: such a channel is listed (and filtered) as live.
            if (!Enum.TryParse<ChannelStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _) || parsed == ChannelStatus.Interrupted)
            {
                return ApiProblem.BadRequest("invalid_status", "status must be one of idle, live, disabled");
            }

            filter = parsed;
        }

        if (limit is < 1 or > 100)
        {
            return ApiProblem.BadRequest("invalid_limit", "limit must be between 1 and 100");
        }

        var ownerId = owner == "me" ? Caller.IdOf(user) : owner;
        if (owner == "me" && ownerId is null)
        {
            return Unauthenticated.Result();
        }

        var directory = grains.GetGrain<IChannelDirectoryGrain>("all");
        var listings = ownerId is null ? await directory.List(filter, limit ?? 20) : await directory.ListOwnedBy(ownerId, filter, limit ?? 20);
        var details = await Task.WhenAll(listings.Select(l => grains.GetGrain<IChannelGrain>(l.Id).Get()));
        // Live channels by current viewers (a stable sort: the directory's order breaks ties).
        var items = details.OfType<ChannelDetails>().OrderByDescending(c => c.Status == ChannelStatus.Live ? c.Viewers : -1).Select(mapper.Map).ToList();
        return TypedResults.Ok(new PageResponse<ChannelResponse>(items, null));
    }

    private static async Task<IResult> UpdateAsync(string id, UpdateChannelRequest request, HttpContext context, IClusterClient grains, ChannelMapper mapper)
    {
        if (NameProblem(request.Name, required: false) is { } problem)
        {
            return problem;
        }

        var current = await FindAsync(grains, id);
        if (Denied(current, id, context) is { } denied)
        {
            return denied;
        }

        var admin = Caller.IsAdmin(context.User);
        if (request.Disabled == false && current!.Moderated && !admin)
        {
            return ApiProblem.Create(StatusCodes.Status403Forbidden, "channel_moderated", "Forbidden", "An admin disabled this channel; only an admin can enable it");
        }

        var channel = await grains.GetGrain<IChannelGrain>(id).Update(new ChannelPatch
        {
            Name = request.Name?.Trim(),
            Record = request.Record,
            LatencyMode = request.LatencyMode,
            Disabled = request.Disabled,
            ByAdmin = admin,
        });
        return TypedResults.Ok(mapper.Map(channel));
    }

    private static async Task<IResult> RotateKeyAsync(string id, HttpContext context, IClusterClient grains, ChannelMapper mapper)
    {
        if (Denied(await FindAsync(grains, id), id, context) is { } denied)
        {
            return denied;
        }

        var rotated = await grains.GetGrain<IChannelGrain>(id).RotateKey();
        return TypedResults.Ok(new StreamKeyResponse(rotated.StreamKey, mapper.Ingest(context)));
    }

    private static async Task<ChannelDetails?> FindAsync(IClusterClient grains, string id) =>
        PlatformIds.IsWellFormed(id) ? await grains.GetGrain<IChannelGrain>(id).Get() : null;

    /// <summary>Null when the caller may change the channel; otherwise the 404/403 to answer with.</summary>
    private static IResult? Denied(ChannelDetails? channel, string id, HttpContext context)
    {
        if (channel is null)
        {
            return ApiProblem.NotFound("Channel", id);
        }

        return ResourceAccess.IsOwnerOrAdmin(channel.OwnerId, context.User)
            ? null
            : ApiProblem.Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "Only the channel's owner may change it");
    }

    private static IResult? NameProblem(string? name, bool required)
    {
        if (name is null)
        {
            return required ? ApiProblem.BadRequest("invalid_name", "name is required") : null;
        }

        var trimmed = name.Trim();
        return trimmed.Length is 0 or > MaxNameLength || trimmed.Any(char.IsControl)
            ? ApiProblem.BadRequest("invalid_name", $"name must be 1 to {MaxNameLength} printable characters")
            : null;
    }
}
