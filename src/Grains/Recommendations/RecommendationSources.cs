using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>Marker for the stream consumers that feed the recommender (nothing calls them directly).</summary>
[Alias("VideoPlatform.IRecommendationSourceGrain")]
public interface IRecommendationSourceGrain : IGrainWithStringKey;

/// <summary>Each play of a known viewer goes into that viewer's history, which makes the co-watch pairs.</summary>
[ImplicitStreamSubscription(StreamNames.Playback)]
public sealed class CoWatchSourceGrain : Grain, IRecommendationSourceGrain, IStreamSubscriptionObserver
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<PlaybackEvent>().ResumeAsync(OnBatchAsync);

    private async Task OnBatchAsync(IList<SequentialItem<PlaybackEvent>> items)
    {
        var videoId = this.GetPrimaryKeyString();
        var plays = items.Select(i => i.Item)
            .Where(e => e.Type == PlaybackEventType.Play && e.ViewerId is not null)
            .GroupBy(e => e.ViewerId!, StringComparer.Ordinal)
            .Select(g => (Viewer: g.Key, At: g.Min(e => e.At)));
        await Task.WhenAll(plays.Select(p => GrainFactory.GetGrain<IViewerHistoryGrain>(p.Viewer).Watched(videoId, p.At)));
    }
}

/// <summary>
/// Keeps the content index to the catalog: a video that is public and Ready is (re)indexed with its current text;
/// one that is not (private, unlisted, failed, deleted) leaves the index and the store, and the related lists that may
/// hold it drop it at once. Events are re-read from the video grain, so a re-delivered or late one does no harm.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Video)]
public sealed class RecommendationVideoSource(IRecommendationStore store, IOptions<RecommendationSettings> options)
    : Grain, IRecommendationSourceGrain, IStreamSubscriptionObserver
{
    private readonly RecommendationSettings settings = options.Value.Bounded();

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<VideoEvent>().ResumeAsync((e, _) => OnEventAsync(e));

    private async Task OnEventAsync(VideoEvent e)
    {
        var index = GrainFactory.GetGrain<IContentIndexGrain>(IContentIndexGrain.Key);
        var video = await GrainFactory.GetGrain<IVideoGrain>(e.VideoId).Get();
        if (video is { Status: VideoStatus.Ready, Visibility: Visibility.Public })
        {
            var document = TermCounter.Document(video, settings.MaxTermsPerVideo);
            await store.UpsertDocumentAsync(document);
            await index.Upsert(document);
            return;
        }

        var similar = await index.Remove(e.VideoId);
        if (similar is null && e.To != VideoStatus.Deleted)
        {
            return;
        }

        var holders = (similar ?? []).Concat(await store.ReadSourcesAsync(e.VideoId, settings.MaxEdgesPerVideo)).Distinct(StringComparer.Ordinal);
        foreach (var holder in holders)
        {
            await GrainFactory.GetGrain<IRelatedVideosGrain>(holder).Drop(e.VideoId);
        }

        await store.RemoveVideoAsync(e.VideoId);
    }
}
