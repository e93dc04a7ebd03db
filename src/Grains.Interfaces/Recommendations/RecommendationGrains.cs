namespace VideoPlatform.Grains.Recommendations;

/// <summary>Why a video is recommended; shown on the home feed.</summary>
public enum RecommendationReason { Related, Subscription, Trending, Fresh }

/// <summary>One ranked recommendation.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.Recommendation")]
public sealed record Recommendation(
    [property: Id(0)] string VideoId,
    [property: Id(1)] string? OwnerId,
    [property: Id(2)] double Score,
    [property: Id(3)] RecommendationReason Reason);

/// <summary>What the content index knows around one video: its similar videos, its owner's others, and which given ids may be shown.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.ContentCandidates")]
public sealed record ContentCandidates
{
    /// <summary>Null when the video is not in the index (not public, not Ready, or unknown).</summary>
    [Id(0)] public string? OwnerId { get; init; }
    [Id(1)] public IReadOnlyList<ScoredVideo> Similar { get; init; } = [];
    [Id(2)] public IReadOnlyList<ScoredVideo> SameOwner { get; init; } = [];
    /// <summary>The asked-about ids that are in the index, with their owners.</summary>
    [Id(3)] public IReadOnlyList<ScoredVideo> Eligible { get; init; } = [];
    /// <summary>Public Ready videos by decayed views, best first, with a score in (0, 1].</summary>
    [Id(4)] public IReadOnlyList<ScoredVideo> Popular { get; init; } = [];
    [Id(5)] public bool Indexed { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.ScoredVideo")]
public sealed record ScoredVideo([property: Id(0)] string VideoId, [property: Id(1)] string? OwnerId, [property: Id(2)] double Score);

/// <summary>
/// The TF-IDF index of every public Ready video (key <see cref="Key"/>), and the hot lists (trending, fresh) built
/// from it. Fed by the <c>video</c> stream; loaded from <see cref="IRecommendationStore"/> when it activates.
/// </summary>
[Alias("VideoPlatform.IContentIndexGrain")]
public interface IContentIndexGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("Upsert")]
    Task Upsert(ContentDocument document);

    /// <summary>
    /// Removes the video and answers the ids whose related lists may hold it (its most similar videos); null when it
    /// was not in the index.
    /// </summary>
    [Alias("Remove")]
    Task<IReadOnlyList<string>?> Remove(string videoId);

    [Alias("Candidates"), ReadOnly]
    Task<ContentCandidates> Candidates(string videoId, IReadOnlyList<string> coWatched, int count);

    /// <summary>Trending then fresh public Ready videos, for the home feed.</summary>
    [Alias("Hot"), ReadOnly]
    Task<HotLists> Hot();
}

/// <summary>
/// The hot lists as served: a stateless worker per silo keeps the content index's lists for a second, so home feeds
/// neither wait behind the index's updates nor all call one activation.
/// </summary>
[Alias("VideoPlatform.IHotListsGrain")]
public interface IHotListsGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<HotLists> Get();
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.HotLists")]
public sealed record HotLists(
    [property: Id(0)] IReadOnlyList<ScoredVideo> Trending,
    [property: Id(1)] IReadOnlyList<ScoredVideo> Fresh);

/// <summary>One video's related list (keyed by video id), cached and updated as co-watch pairs arrive.</summary>
[Alias("VideoPlatform.IRelatedVideosGrain")]
public interface IRelatedVideosGrain : IGrainWithStringKey
{
    /// <summary>A viewer watched this video and then <paramref name="toId"/>.</summary>
    [Alias("AddCoWatch"), OneWay]
    Task AddCoWatch(string toId, double weight, DateTimeOffset at);

    /// <summary>The video left the public catalog: out of this list now.</summary>
    [Alias("Drop"), OneWay]
    Task Drop(string videoId);

    [Alias("Top")]
    Task<IReadOnlyList<Recommendation>> Top(int count);
}

/// <summary>What one viewer watched lately (key: <see cref="ViewerKeys"/>), newest first, bounded.</summary>
[Alias("VideoPlatform.IViewerHistoryGrain")]
public interface IViewerHistoryGrain : IGrainWithStringKey
{
    [Alias("Watched")]
    Task Watched(string videoId, DateTimeOffset at);

    [Alias("Recent"), ReadOnly]
    Task<IReadOnlyList<string>> Recent(int count);
}

/// <summary>How a viewer is named across videos: a signed-in account, or the anonymous id a player keeps.</summary>
public static class ViewerKeys
{
    public static string OfUser(string userId) => $"user:{userId}";

    public static string OfAnonymous(string viewerId) => $"anon:{viewerId}";
}
