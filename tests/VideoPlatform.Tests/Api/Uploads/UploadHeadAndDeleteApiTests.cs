using System.Net;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>HEAD and termination (DELETE), and PATCH and DELETE sent as POST with X-HTTP-Method-Override.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadHeadAndDeleteApiTests(PlatformClusterFixture cluster) : TusApiTest(cluster)
{
    [Fact]
    public async Task Head_KnownUpload_ReturnsOffsetLengthMetadataNoStoreAndExpiry()
    {
        var videoId = await CreateVideoAsync(Client);
        var metadata = Metadata(("videoId", videoId), ("filename", "ü.mp4"));
        using var created = await Client.SendAsync(Create(10, metadata));

        using var response = await Client.SendAsync(Head(created.Headers.Location!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal("10", response.Headers.GetValues("Upload-Length").Single());
        Assert.Equal(metadata, response.Headers.GetValues("Upload-Metadata").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.True(DateTimeOffset.TryParse(response.Headers.GetValues("Upload-Expires").Single(), out _));
    }

    [Fact]
    public async Task Head_UnknownUpload_Returns404()
    {
        using var response = await Client.SendAsync(Head(new Uri("/api/uploads/BBBBBBBBBBBBBBBBBBBBBB", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
    }

    [Fact]
    public async Task Delete_ActiveUpload_Returns204FreesBytesAndLaterRequestsGet410()
    {
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 10_000);
        using var patch = await Client.SendAsync(Patch(upload, 0, new byte[4000]));
        var uploadId = upload.OriginalString.Split('/')[^1];
        Assert.NotNull(await ReadStoredAsync(Cluster, MediaKeys.UploadData(uploadId)));

        using var response = await Client.SendAsync(Delete(upload));
        using var head = await Client.SendAsync(Head(upload));
        using var again = await Client.SendAsync(Patch(upload, 4000, new byte[10]));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await ReadStoredAsync(Cluster, MediaKeys.UploadData(uploadId)));
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
        await UploadsApiTests.AssertProblemAsync(again, HttpStatusCode.Gone, "upload_gone");
    }

    [Fact]
    public async Task Post_MethodOverridePatchAndDelete_ActLikeTheMethods()
    {
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 100);
        var patch = Patch(upload, 0, new byte[40]);
        patch.Method = HttpMethod.Post;
        patch.Headers.Add("X-HTTP-Method-Override", "PATCH");
        var delete = Delete(upload);
        delete.Method = HttpMethod.Post;
        delete.Headers.Add("X-HTTP-Method-Override", "DELETE");

        using var patched = await Client.SendAsync(patch);
        var offset = await OffsetAsync(Client, upload);
        using var deleted = await Client.SendAsync(delete);
        using var head = await Client.SendAsync(Head(upload));

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(40, offset);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
    }
}
