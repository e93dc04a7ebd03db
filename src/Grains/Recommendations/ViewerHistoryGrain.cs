using Microsoft.Extensions.Options;

namespace VideoPlatform.Grains.Recommendations;

[GenerateSerializer, Alias("VideoPlatform.ViewerHistoryState")]
public sealed class ViewerHistoryState
{
    /// <summary>Newest first, at most <see cref="RecommendationSettings.HistoryLength"/>.</summary>
    [Id(0)] public List<WatchedVideo> Watched { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.WatchedVideo")]
public sealed record WatchedVideo([property: Id(0)] string VideoId, [property: Id(1)] DateTimeOffset At);

/// <summary>
/// What one viewer watched lately; each new video makes its co-watch pairs (<see cref="CoWatchPairs"/>) with what came
/// before. A video already in the history makes no new pair, so a re-delivered play changes nothing.
/// </summary>
public sealed class ViewerHistoryGrain(
    [PersistentState("history")] IPersistentState<ViewerHistoryState> state,
    IOptions<RecommendationSettings> options) : Grain, IViewerHistoryGrain
{
    private readonly RecommendationSettings settings = options.Value.Bounded();

    public async Task Watched(string videoId, DateTimeOffset at)
    {
        var history = state.State.Watched;
        if (history.Any(w => w.VideoId == videoId))
        {
            return;
        }

        foreach (var (fromId, weight) in CoWatchPairs.Of(history.Select(w => (w.VideoId, w.At)), at, settings.CoWatchWindow).ToList())
        {
            await GrainFactory.GetGrain<IRelatedVideosGrain>(fromId).AddCoWatch(videoId, weight, at);
        }

        var position = history.FindIndex(w => w.At < at);
        history.Insert(position < 0 ? history.Count : position, new WatchedVideo(videoId, at));
        if (history.Count > settings.HistoryLength)
        {
            history.RemoveRange(settings.HistoryLength, history.Count - settings.HistoryLength);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Recent(int count) =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Watched.Take(Math.Clamp(count, 0, settings.HistoryLength)).Select(w => w.VideoId).ToList());
}
