using System.Net;
using VideoPlatform.Storage;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>HEAD and termination (DELETE), and PATCH and DELETE sent as POST with X-HTTP-Method-Override.</summary>
public sealed partial class UploadsApiTests
{
    [Fact]
    public async Task Head_KnownUpload_ReturnsOffsetLengthMetadataNoStoreAndExpiry()
    {
        var videoId = await CreateVideoAsync(client);
        var metadata = Metadata(("videoId", videoId), ("filename", "ü.mp4"));
        using var created = await client.SendAsync(Create(10, metadata));

        using var response = await client.SendAsync(Head(created.Headers.Location!));

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
        using var response = await client.SendAsync(Head(new Uri("/api/uploads/BBBBBBBBBBBBBBBBBBBBBB", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
    }

    [Fact]
    public async Task Delete_ActiveUpload_Returns204FreesBytesAndLaterRequestsGet410()
    {
        var (_, upload) = await CreateUploadAsync(client, cluster, 10_000);
        using var patch = await client.SendAsync(Patch(upload, 0, new byte[4000]));
        var uploadId = upload.OriginalString.Split('/')[^1];
        Assert.NotNull(await ReadStoredAsync(cluster, MediaKeys.UploadData(uploadId)));

        using var response = await client.SendAsync(Delete(upload));
        using var head = await client.SendAsync(Head(upload));
        using var again = await client.SendAsync(Patch(upload, 4000, new byte[10]));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await ReadStoredAsync(cluster, MediaKeys.UploadData(uploadId)));
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.Gone, "upload_gone");
    }

    [Fact]
    public async Task Post_MethodOverridePatchAndDelete_ActLikeTheMethods()
    {
        var (_, upload) = await CreateUploadAsync(client, cluster, 100);
        var patch = Patch(upload, 0, new byte[40]);
        patch.Method = HttpMethod.Post;
        patch.Headers.Add("X-HTTP-Method-Override", "PATCH");
        var delete = Delete(upload);
        delete.Method = HttpMethod.Post;
        delete.Headers.Add("X-HTTP-Method-Override", "DELETE");

        using var patched = await client.SendAsync(patch);
        var offset = await OffsetAsync(client, upload);
        using var deleted = await client.SendAsync(delete);
        using var head = await client.SendAsync(Head(upload));

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(40, offset);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
    }
}
