using System.Net;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadExpirationTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster, new Dictionary<string, string?> { ["VideoPlatform:Uploads:Expiration"] = "00:00:03" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Upload_PastExpiry_Answers410FreesBytesAndFailsVideo()
    {
        using var user = await api.RegisterUserAsync();
        var client = user.Client;
        var (videoId, upload) = await CreateUploadAsync(client, cluster, 100);
        using var patch = await client.SendAsync(Patch(upload, 0, new byte[30]));
        var uploadId = upload.OriginalString.Split('/')[^1];
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);

        var gone = await Eventually.WaitAsync(
            async () =>
            {
                using var head = await client.SendAsync(Head(upload));
                return head.StatusCode == HttpStatusCode.Gone;
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(100));
        using var late = await client.SendAsync(Patch(upload, 30, new byte[70]));

        Assert.True(gone, "HEAD did not answer 410 within 30 s of a 3 s expiry");
        await UploadsApiTests.AssertProblemAsync(late, HttpStatusCode.Gone, "upload_gone");
        Assert.Null(await ReadStoredAsync(cluster, MediaKeys.UploadData(uploadId)));
        var video = await VideoAsync(cluster, videoId);
        Assert.Equal(VideoStatus.Failed, video!.Status);
        Assert.Equal("upload_expired", video.Failure!.Code);
    }
}
