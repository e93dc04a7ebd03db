using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Analytics;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// The one content index (<see cref="IContentIndexGrain.Key"/>) and the hot lists: trending is asked of the trending
/// grain every <see cref="RecommendationSettings.HotListRefresh"/>, fresh is kept up to date on every upsert. Its
/// documents live in <see cref="IRecommendationStore"/>, read back when it activates.
/// </summary>
public sealed class ContentIndexGrain(
    IRecommendationStore store,
    IOptions<RecommendationSettings> options,
    ILogger<ContentIndexGrain> logger) : Grain, IContentIndexGrain
{
    private const int TrendingPage = 100;
    private readonly RecommendationSettings settings = options.Value.Bounded();
    private ContentIndex index = null!;
    private FreshList fresh = null!;
    private IReadOnlyList<ScoredVideo> trending = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        index = new ContentIndex(settings.MaxVocabulary, settings.MaxDocuments);
        fresh = new FreshList(settings.HotListSize);
        await foreach (var document in store.ReadDocumentsAsync(settings.MaxDocuments, cancellationToken))
        {
            index.Upsert(document);
            fresh.Add(document);
        }

        logger.LogInformation("Content index loaded {Count} videos, {Terms} terms", index.Count, index.VocabularySize);
        await RefreshTrendingAsync();
        this.RegisterGrainTimer(RefreshTrendingAsync, new GrainTimerCreationOptions(settings.HotListRefresh, settings.HotListRefresh) { Interleave = true });
    }

    public Task Upsert(ContentDocument document)
    {
        index.Upsert(document);
        if (index.Contains(document.VideoId))
        {
            fresh.Add(document);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>?> Remove(string videoId)
    {
        if (!index.Contains(videoId))
        {
            return Task.FromResult<IReadOnlyList<string>?>(null);
        }

        IReadOnlyList<string> similar = index.Similar(videoId, settings.RelatedListSize).Select(s => s.VideoId).ToList();
        index.Remove(videoId);
        fresh.Remove(videoId);
        trending = trending.Where(t => t.VideoId != videoId).ToList();
        return Task.FromResult<IReadOnlyList<string>?>(similar);
    }

    public Task<ContentCandidates> Candidates(string videoId, IReadOnlyList<string> coWatched, int count) =>
        Task.FromResult(index.Candidates(videoId, coWatched, Math.Clamp(count, 1, settings.RelatedListSize), trending));

    public Task<HotLists> Hot() => Task.FromResult(new HotLists(trending, fresh.Items.Where(f => index.Contains(f.VideoId)).ToList()));

    /// <summary>Trending ids, kept while they are in the index (public and Ready), scored by rank in (0, 1].</summary>
    private async Task RefreshTrendingAsync()
    {
        var source = GrainFactory.GetGrain<ITrendingGrain>(ITrendingGrain.Key);
        var ids = new List<string>();
        while (ids.Count < settings.HotListSize)
        {
            var page = await source.Top(TrendingWindow.Day, ids.Count, TrendingPage);
            ids.AddRange(page);
            if (page.Count < TrendingPage)
            {
                break;
            }
        }

        var kept = ids.Where(index.Contains).Take(settings.HotListSize).ToList();
        trending = kept.Select((id, rank) => new ScoredVideo(id, index.OwnerOf(id), 1 - ((double)rank / kept.Count))).ToList();
    }
}
