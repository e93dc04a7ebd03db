using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Apis;

/// <summary>/api/me and /api/users: profiles and subscriptions.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Users").RequireAuthorization();
        me.MapGet("/", GetMeAsync).WithName("GetMe");
        me.MapPatch("/", UpdateMeAsync).WithName("UpdateMe");
        me.MapGet("/subscriptions", SubscriptionsAsync).WithName("MySubscriptions");
        me.MapGet("/feed", FeedApi.FeedAsync).WithName("MyFeed");
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapGet("/{id}", GetUserAsync).WithName("GetUser");
        users.MapPost("/{id}/subscription", SubscribeAsync).WithName("Subscribe").RequireAuthorization();
        users.MapDelete("/{id}/subscription", UnsubscribeAsync).WithName("Unsubscribe").RequireAuthorization();
        return app;
    }

    public static UserResponse Public(UserProfile u) =>
        new(u.Id, u.Username, u.DisplayName, u.AvatarUrl, u.Bio, u.SubscriberCount, u.SubscriptionCount);

    private static UserResponse Private(UserProfile u, AuthSettings settings) => Public(u) with
    {
        Email = u.Email,
        Roles = [.. AccountRoles.Of(u, settings).Select(r => r.ToString().ToLowerInvariant())],
    };

    private static IUserGrain Me(ClaimsPrincipal user, IClusterClient grains) => grains.GetGrain<IUserGrain>(Caller.IdOf(user)!);

    private static async Task<IResult> GetMeAsync(ClaimsPrincipal user, IClusterClient grains, IOptions<AuthSettings> options) =>
        await Me(user, grains).Get() is { } profile ? TypedResults.Ok(Private(profile, options.Value)) : Unauthenticated.Result();

    private static async Task<IResult> UpdateMeAsync(UpdateProfileRequest request, ClaimsPrincipal user, IClusterClient grains, IOptions<AuthSettings> options)
    {
        if (request.DisplayName is { Length: 0 or > 64 } || request.Bio is { Length: > 2000 })
        {
            return ApiProblem.BadRequest("invalid_profile", "displayName must be 1-64 characters, bio at most 2000");
        }

        if (request.AvatarUrl is { } avatar && (avatar.Length > 2048 || !Uri.TryCreate(avatar, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            return ApiProblem.BadRequest("invalid_profile", "avatarUrl must be an absolute http(s) URL");
        }

        var grain = Me(user, grains);
        if (await grain.Get() is null)
        {
            return Unauthenticated.Result();
        }

        var profile = await grain.UpdateProfile(new ProfilePatch { DisplayName = request.DisplayName?.Trim(), AvatarUrl = request.AvatarUrl, Bio = request.Bio });
        return TypedResults.Ok(Private(profile, options.Value));
    }

    private static async Task<IResult> GetUserAsync(string id, IClusterClient grains) =>
        PlatformIds.IsWellFormed(id) && await grains.GetGrain<IUserGrain>(id).Get() is { } profile
            ? TypedResults.Ok(Public(profile))
            : ApiProblem.NotFound("User", id);

    private static async Task<IResult> SubscribeAsync(string id, ClaimsPrincipal user, IClusterClient grains, IOptions<AuthSettings> options)
    {
        if (id == Caller.IdOf(user))
        {
            return ApiProblem.BadRequest("self_subscription", "You cannot subscribe to yourself");
        }

        var max = options.Value.MaxSubscriptions;
        return (PlatformIds.IsWellFormed(id) ? await Me(user, grains).Subscribe(id, max) : SubscribeResult.CreatorNotFound) switch
        {
            SubscribeResult.Subscribed => TypedResults.NoContent(),
            SubscribeResult.LimitReached => ApiProblem.Conflict("subscription_limit", $"An account may follow at most {max} creators"),
            _ => ApiProblem.NotFound("User", id),
        };
    }

    private static async Task<IResult> UnsubscribeAsync(string id, ClaimsPrincipal user, IClusterClient grains)
    {
        if (PlatformIds.IsWellFormed(id))
        {
            await Me(user, grains).Unsubscribe(id);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> SubscriptionsAsync(ClaimsPrincipal user, IClusterClient grains, string? cursor, int? limit)
    {
        var ids = await Me(user, grains).GetSubscriptions();
        var skip = int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var take = Math.Clamp(limit ?? 20, 1, 100);
        var profiles = await Task.WhenAll(ids.Skip(skip).Take(take).Select(i => grains.GetGrain<IUserGrain>(i).Get()));
        var next = skip + take < ids.Count ? (skip + take).ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new PageResponse<UserResponse>([.. profiles.OfType<UserProfile>().Select(Public)], next));
    }
}
