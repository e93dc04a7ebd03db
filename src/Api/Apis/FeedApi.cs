using System.Globalization;
using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Apis;

/// <summary>GET /api/me/feed: the newest ready public videos of the creators the caller follows, merged, paged.</summary>
public static class FeedApi
{
    private const int MaxDepth = 500;

    public static async Task<IResult> FeedAsync(
        ClaimsPrincipal user, string? cursor, int? limit, IClusterClient grains, IVideoCatalog catalog, VideoMapper mapper)
    {
        var skip = int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? Math.Min(s, MaxDepth) : 0;
        var take = Math.Clamp(limit ?? 20, 1, 100);
        var creators = await grains.GetGrain<IUserGrain>(Caller.IdOf(user)!).GetSubscriptions();
        // One query for every followed creator; its first skip+take+1 entries are enough to know the page.
        var merged = await catalog.ListByOwnersAsync(
            creators,
            new CatalogQuery { Status = VideoStatus.Ready, Visibilities = [Visibility.Public] },
            Math.Min(skip + take + 1, MaxDepth));
        var window = merged.Skip(skip).Take(take).ToList();
        var details = await Task.WhenAll(window.Select(e => grains.GetGrain<IVideoGrain>(e.Id).Get()));
        // The catalog lags the grains: a video deleted or made private since it was read is left out here.
        var items = await Task.WhenAll(details.OfType<VideoDetails>()
            .Where(v => v is { Status: VideoStatus.Ready, Visibility: Visibility.Public })
            .Select(v => mapper.MapAsync(v, user)));
        var next = merged.Count > skip + take && skip + take < MaxDepth ? (skip + take).ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new PageResponse<VideoResponse>(items, next));
    }
}
