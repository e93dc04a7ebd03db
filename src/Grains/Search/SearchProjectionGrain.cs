using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Search;

/// <summary>
/// One video's search document, projected from its <c>video</c> stream. Each batch is applied as the video's current
/// snapshot (never the event's payload), so re-delivered or reordered events converge on the same document; the index
/// itself ignores versions older than the one it holds. A batch fails (and is redelivered) when the index is down.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Video)]
public sealed class SearchProjectionGrain(ISearchIndex index, ILogger<SearchProjectionGrain> logger)
    : Grain, ISearchProjectionGrain, IStreamSubscriptionObserver
{
    private long applied = -1;

    private string VideoId => this.GetPrimaryKeyString();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<VideoEvent>().ResumeAsync(OnBatchAsync);

    public async Task ViewsChanged(long views)
    {
        try
        {
            await index.SetViewsAsync(VideoId, views);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Advisory: the next report or a reindex carries the count again.
            logger.LogWarning(ex, "Views of {VideoId} not written to the search index", VideoId);
        }
    }

    private async Task OnBatchAsync(IList<SequentialItem<VideoEvent>> items)
    {
        if (items.Max(i => i.Item.Version) <= applied)
        {
            return;
        }

        var video = await GrainFactory.GetGrain<IVideoGrain>(VideoId).Get();
        if (video is null)
        {
            return;
        }

        if (SearchDocument.IsSearchable(video))
        {
            var views = await GrainFactory.GetGrain<IVideoStatsGrain>(VideoId).GetViews();
            await index.UpsertAsync([SearchDocument.From(video, views)]);
        }
        else
        {
            await index.RemoveAsync(VideoId, video.Version);
        }

        applied = video.Version;
    }
}
