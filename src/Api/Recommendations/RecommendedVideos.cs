using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Recommendations;

/// <summary>
/// Related videos and the home feed as the videos they are now: ranked ids from the recommendation grains, kept only
/// while public and Ready (checked at serving time, whatever the caches hold: per video for related lists, in one call
/// whose answers are at most a second old for the home feed). The home feed's candidates, in order:
/// signed in, the newest videos of followed creators, videos related to what the caller watched lately and trending
/// ones, taken in turn; anonymous, trending and fresh in turn; then diversified by owner. Every list it reads is a
/// grain cache or one indexed catalog query.
/// </summary>
public sealed class RecommendedVideos(IClusterClient grains, IVideoCatalog catalog)
{
    /// <summary>Recent videos of the history whose related lists feed the home feed.</summary>
    public const int HistorySeeds = 3;

    /// <summary>Ranked ids asked for beyond the count, for the ones that turned private since they were ranked.</summary>
    private const int Spare = 10;

    public async Task<IReadOnlyList<(VideoDetails Video, RecommendationReason Reason)>> RelatedAsync(string videoId, int count)
    {
        var ranked = await grains.GetGrain<IRelatedVideosGrain>(videoId).Top(count + Spare);
        return await ShownAsync(ranked.Where(r => r.VideoId != videoId), count);
    }

    public async Task<IReadOnlyList<(ShownVideo Video, RecommendationReason Reason)>> HomeAsync(ClaimsPrincipal user, int count)
    {
        var candidates = await CandidatesAsync(user, (count * 2) + Spare);
        // One call checks every candidate; its worker holds each answer for a second, shared by all feeds of the silo.
        var shown = await grains.GetGrain<IShownVideosGrain>(0).Public([.. candidates.Select(c => c.VideoId)]);
        var reasons = candidates.ToDictionary(c => c.VideoId, c => c.Reason, StringComparer.Ordinal);
        // Half as many again as shown, so that diversifying has others to move up.
        return [.. FeedDiversifier.Diversify(shown.Take(count + (count / 2)), v => v.Video.OwnerId).Take(count)
            .Select(v => (v, reasons[v.Video.Id]))];
    }

    private async Task<IReadOnlyList<Recommendation>> CandidatesAsync(ClaimsPrincipal user, int count)
    {
        var hot = await grains.GetGrain<IHotListsGrain>(0).Get();
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

    /// <summary>
    /// The first <paramref name="count"/> ranked videos that are public and Ready now, in rank order. Video grains are
    /// asked a page at a time (the count and a few spare), so a request costs about one call per video it shows.
    /// </summary>
    private async Task<List<(VideoDetails Video, RecommendationReason Reason)>> ShownAsync(IEnumerable<Recommendation> ranked, int count)
    {
        var list = ranked.ToList();
        var shown = new List<(VideoDetails, RecommendationReason)>(count);
        for (var start = 0; start < list.Count && shown.Count < count; start += count + Spare)
        {
            var page = list.Skip(start).Take(count + Spare).ToList();
            var details = await Task.WhenAll(page.Select(r => grains.GetGrain<IVideoGrain>(r.VideoId).Get()));
            shown.AddRange(page.Zip(details)
                .Where(p => p.Second is { Status: VideoStatus.Ready, Visibility: Visibility.Public })
                .Select(p => (p.Second!, p.First.Reason))
                .Take(count - shown.Count));
        }

        return shown;
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
