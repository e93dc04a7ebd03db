using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Webhooks;

/// <summary>video.ready / video.failed / video.deleted, for the video's owner.</summary>
[ImplicitStreamSubscription(StreamNames.Video)]
public sealed class VideoWebhookSource : WebhookSourceGrain<VideoEvent>
{
    protected override async Task<(string, WebhookEvent)?> MapAsync(VideoEvent e)
    {
        if (WebhookEventMapper.TypeOf(e) is not { } type)
        {
            return null;
        }

        var video = await GrainFactory.GetGrain<IVideoGrain>(e.VideoId).Get();
        return video?.OwnerId is { } owner ? (owner, WebhookEventMapper.Map(e, type, video)) : null;
    }
}

/// <summary>live.started / live.ended, for the channel's owner.</summary>
[ImplicitStreamSubscription(StreamNames.Live)]
public sealed class LiveWebhookSource : WebhookSourceGrain<ChannelEvent>
{
    protected override async Task<(string, WebhookEvent)?> MapAsync(ChannelEvent e)
    {
        if (WebhookEventMapper.TypeOf(e) is not { } type)
        {
            return null;
        }

        var channel = await GrainFactory.GetGrain<IChannelGrain>(e.ChannelId).Get();
        return channel?.OwnerId is { } owner ? (owner, WebhookEventMapper.Map(e, type)) : null;
    }
}

/// <summary>upload.completed, for the upload's owner (carried by the event).</summary>
[ImplicitStreamSubscription(StreamNames.Upload)]
public sealed class UploadWebhookSource : WebhookSourceGrain<UploadEvent>
{
    protected override Task<(string, WebhookEvent)?> MapAsync(UploadEvent e) =>
        Task.FromResult<(string, WebhookEvent)?>(
            WebhookEventMapper.TypeOf(e) is { } type && e.OwnerId is { } owner ? (owner, WebhookEventMapper.Map(e, type)) : null);
}
