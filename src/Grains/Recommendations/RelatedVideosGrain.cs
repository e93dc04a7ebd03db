using Microsoft.Extensions.Options;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// One video's related list. Co-watch edges are held here (loaded from the store on activation, written back on a
/// timer); the list is blended again when new pairs arrived (at most once per <see cref="RebuildSpacing"/>), when it is
/// not full yet (at most once per <see cref="ShortListSpacing"/>: a small catalog grows) or when its content and
/// popularity parts are older than <see cref="RecommendationSettings.RelatedRefresh"/>; never per request.
/// </summary>
public sealed class RelatedVideosGrain(
    IRecommendationStore store,
    IOptions<RecommendationSettings> options,
    TimeProvider time) : Grain, IRelatedVideosGrain
{
    private static readonly TimeSpan RebuildSpacing = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShortListSpacing = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SavePeriod = TimeSpan.FromSeconds(5);
    private readonly RecommendationSettings settings = options.Value.Bounded();
    private CoWatchEdges edges = null!;
    private IReadOnlyList<Recommendation>? cached;
    private DateTimeOffset builtAt;
    private bool edgesChanged;
    private bool unsaved;

    private string VideoId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        edges = new CoWatchEdges(settings.MaxEdgesPerVideo, settings.EdgeHalfLife);
        edges.Load(await store.ReadEdgesAsync(VideoId, settings.MaxEdgesPerVideo, cancellationToken));
        this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(SavePeriod, SavePeriod));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveAsync();

    public Task AddCoWatch(string toId, double weight, DateTimeOffset at)
    {
        if (toId != VideoId && weight > 0 && double.IsFinite(weight))
        {
            edges.Add(toId, weight, at);
            edgesChanged = unsaved = true;
        }

        return Task.CompletedTask;
    }

    public Task Drop(string videoId)
    {
        unsaved |= edges.Remove(videoId);
        cached = cached?.Where(r => r.VideoId != videoId).ToList();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Recommendation>> Top(int count)
    {
        var now = time.GetUtcNow();
        var age = now - builtAt;
        if (cached is null || age > settings.RelatedRefresh || (edgesChanged && age > RebuildSpacing)
            || (cached.Count < settings.RelatedListSize && age > ShortListSpacing))
        {
            var ranked = edges.Ranked(now);
            edgesChanged = false;
            var candidates = await GrainFactory.GetGrain<IContentIndexGrain>(IContentIndexGrain.Key)
                .Candidates(VideoId, ranked.Select(r => r.VideoId).ToList(), settings.RelatedListSize);
            cached = RelatedBlend.Rank(VideoId, ranked, candidates, settings.RelatedListSize);
            builtAt = now;
        }

        return cached.Take(Math.Clamp(count, 0, settings.RelatedListSize)).ToList();
    }

    private async Task SaveAsync()
    {
        if (unsaved)
        {
            unsaved = false;
            await store.ReplaceEdgesAsync(VideoId, edges.ToEdges(VideoId));
        }
    }
}
