using Orleans.Streams;
using Orleans.Streams.Core;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Analytics;

/// <summary>
/// Stores every lifecycle event (video, upload, transcode job, channel) in the warehouse. One activation per stream
/// key (a video's id serves both its video and its transcode stream); a batch is acknowledged once it is stored,
/// and the warehouse ignores ids it already has, so re-deliveries are harmless.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Video)]
[ImplicitStreamSubscription(StreamNames.Upload)]
[ImplicitStreamSubscription(StreamNames.TranscodeJob)]
[ImplicitStreamSubscription(StreamNames.Live)]
public sealed class LifecycleArchiveGrain(IAnalyticsWarehouse warehouse) : Grain, ILifecycleArchiveGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        switch (handleFactory.StreamId.GetNamespace())
        {
            case StreamNames.Video:
                await Archive<VideoEvent>(handleFactory, WarehouseRows.From);
                break;
            case StreamNames.Upload:
                await Archive<UploadEvent>(handleFactory, WarehouseRows.From);
                break;
            case StreamNames.TranscodeJob:
                await Archive<TranscodeJobEvent>(handleFactory, WarehouseRows.From);
                break;
            case StreamNames.Live:
                await Archive<ChannelEvent>(handleFactory, WarehouseRows.From);
                break;
        }
    }

    private Task<StreamSubscriptionHandle<T>> Archive<T>(IStreamSubscriptionHandleFactory handleFactory, Func<T, WarehouseEvent> row) =>
        handleFactory.Create<T>().ResumeAsync(items => warehouse.AppendAsync(items.Select(i => row(i.Item)).ToList()));
}
