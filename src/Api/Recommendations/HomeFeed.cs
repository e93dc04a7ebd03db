using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Recommendations;

/// <summary>
/// The home feed's candidates, in order: signed in, the newest videos of followed creators, videos related to what
/// the caller watched lately and trending ones, taken in turn; anonymous, trending and fresh in turn. Every list it
/// reads is a grain cache or one indexed catalog query; the caller checks visibility and diversifies.
/// </summary>
public sealed class HomeFeed(IClusterClient grains, IVideoCatalog catalog)
{
    /// <summary>Recent videos of the history whose related lists feed the home feed.</summary>
    public const int HistorySeeds = 3;

    public async Task<IReadOnlyList<Recommendation>> CandidatesAsync(ClaimsPrincipal user, int count)
    {
        var hot = await grains.GetGrain<IContentIndexGrain>(IContentIndexGrain.Key).Hot();
        var trending = hot.Trending.Select(v => new Recommendation(v.VideoId, v.OwnerId, v.Score, RecommendationReason.Trending)).ToList();
        var fresh = hot.Fresh.Select(v => new Recommendation(v.VideoId, v.OwnerId, v.Score, RecommendationReason.Fresh)).ToList();
        if (Caller.IdOf(user) is not { } userId)
        {
            return Interleave([trending, fresh], [], count);
        }

        var subscriptionsTask = SubscriptionsAsync(userId, count);
        var history = await grains.GetGrain<IViewerHistoryGrain>(ViewerKeys.OfUser(userId)).Recent(int.MaxValue);
        var related = await Task.WhenAll(history.Take(HistorySeeds).Select(id => grains.GetGrain<IRelatedVideosGrain>(id).Top(count)));
        var relatedRanked = related.SelectMany(r => r).OrderByDescending(r => r.Score).ToList();
        return Interleave([await subscriptionsTask, relatedRanked, trending, fresh], history.ToHashSet(StringComparer.Ordinal), count);
    }

    private async Task<List<Recommendation>> SubscriptionsAsync(string userId, int count)
    {
        var creators = await grains.GetGrain<IUserGrain>(userId).GetSubscriptions();
        var newest = await catalog.ListByOwnersAsync(creators, new CatalogQuery { Status = VideoStatus.Ready, Visibilities = [Visibility.Public] }, count);
        return newest.Select(e => new Recommendation(e.Id, e.OwnerId, 1, RecommendationReason.Subscription)).ToList();
    }

    /// <summary>One from each list in turn, each video once, none the caller watched lately.</summary>
    private static List<Recommendation> Interleave(IReadOnlyList<List<Recommendation>> lists, HashSet<string> watched, int count)
    {
        var seen = new HashSet<string>(watched, StringComparer.Ordinal);
        var result = new List<Recommendation>();
        for (var depth = 0; result.Count < count && lists.Any(l => depth < l.Count); depth++)
        {
            foreach (var list in lists)
            {
                if (depth < list.Count && seen.Add(list[depth].VideoId))
                {
                    result.Add(list[depth]);
                }
            }
        }

        return result;
    }
}
