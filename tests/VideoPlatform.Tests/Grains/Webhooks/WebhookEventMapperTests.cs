using System.Text.Json;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Grains.Webhooks;

namespace VideoPlatform.Tests.Grains.Webhooks;

[Trait("Category", "Unit")]
public sealed class WebhookEventMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(VideoStatus.Processing, VideoStatus.Ready, WebhookEventTypes.VideoReady)]
    [InlineData(VideoStatus.Created, VideoStatus.Ready, WebhookEventTypes.VideoReady)]
    [InlineData(VideoStatus.Processing, VideoStatus.Failed, WebhookEventTypes.VideoFailed)]
    [InlineData(VideoStatus.Ready, VideoStatus.Deleted, WebhookEventTypes.VideoDeleted)]
    [InlineData(VideoStatus.Ready, VideoStatus.Ready, null)]
    [InlineData(VideoStatus.Uploaded, VideoStatus.Processing, null)]
    [InlineData(null, VideoStatus.Created, null)]
    public void Video_OnlyTransitionsIntoReadyFailedDeleted(VideoStatus? from, VideoStatus to, string? type) =>
        Assert.Equal(type, WebhookEventMapper.TypeOf(new VideoEvent(Guid.NewGuid(), "v1", from, to, "x", At, 1)));

    [Theory]
    [InlineData("live", WebhookEventTypes.LiveStarted)]
    [InlineData("ended", WebhookEventTypes.LiveEnded)]
    [InlineData("reconnecting", null)]
    public void Channel_LiveAndEnded(string kind, string? type) =>
        Assert.Equal(type, WebhookEventMapper.TypeOf(new ChannelEvent(Guid.NewGuid(), "c1", kind, "s1", At, null)));

    [Theory]
    [InlineData(UploadStatus.Active, UploadStatus.Completed, WebhookEventTypes.UploadCompleted)]
    [InlineData(UploadStatus.Active, UploadStatus.Expired, null)]
    [InlineData(null, UploadStatus.Active, null)]
    public void Upload_OnlyCompletion(UploadStatus? from, UploadStatus to, string? type) =>
        Assert.Equal(type, WebhookEventMapper.TypeOf(new UploadEvent(Guid.NewGuid(), "u1", "v1", "o1", from, to, 10, At)));

    [Fact]
    public void Body_HasStableIdTypeCreatedAtAndData()
    {
        var e = WebhookEventMapper.Map(new VideoEvent(Guid.NewGuid(), "v1", VideoStatus.Processing, VideoStatus.Failed, "x", At, 4),
            WebhookEventTypes.VideoFailed, new VideoDetails { Id = "v1", Title = "clip", Failure = new VideoFailure("bad_media", "no video stream") });
        var id = WebhookPayload.DeliveryId(e.EventId, "endpoint-1");

        using var body = JsonDocument.Parse(WebhookPayload.Body(id, e));

        Assert.Equal(id, WebhookPayload.DeliveryId(e.EventId, "endpoint-1"));
        Assert.NotEqual(id, WebhookPayload.DeliveryId(e.EventId, "endpoint-2"));
        Assert.Equal(id, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("video.failed", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(At, body.RootElement.GetProperty("createdAt").GetDateTimeOffset());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("v1", data.GetProperty("videoId").GetString());
        Assert.Equal("failed", data.GetProperty("status").GetString());
        Assert.Equal("bad_media", data.GetProperty("failure").GetProperty("code").GetString());
    }
}
