using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// "The upload completed": the video recorded its source and left the upload states. The test cluster's media
/// silo may already be transcoding it (or have failed it, for bytes that are not a video).
/// </summary>
internal static class UploadAssertions
{
    public static void Completed([System.Diagnostics.CodeAnalysis.NotNull] VideoDetails? video)
    {
        Assert.NotNull(video);
        Assert.Equal($"raw/{video.Id}/source", video.SourceKey);
        Assert.Contains(video.Status, new[] { VideoStatus.Uploaded, VideoStatus.Processing, VideoStatus.Ready, VideoStatus.Failed });
        Assert.True(video.Status != VideoStatus.Failed || video.Failure?.Code != "upload_expired", "upload expired");
    }
}
