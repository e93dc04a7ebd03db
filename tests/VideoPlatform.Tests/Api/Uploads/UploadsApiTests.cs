using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

// tus makes sha1 the one checksum every server must take.
#pragma warning disable CA5350

namespace VideoPlatform.Tests.Api.Uploads;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadsApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster, new Dictionary<string, string?> { ["VideoPlatform:Uploads:MaxSize"] = "1000000" });
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = (await api.RegisterUserAsync()).Client;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Options_Discovery_AdvertisesVersionExtensionsMaxSizeAndAlgorithms()
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, Endpoint));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        Assert.Equal("creation,creation-with-upload,termination,checksum,expiration", response.Headers.GetValues("Tus-Extension").Single());
        Assert.Equal("1000000", response.Headers.GetValues("Tus-Max-Size").Single());
        Assert.Equal("sha1,sha256", response.Headers.GetValues("Tus-Checksum-Algorithm").Single());
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
    }

    [Fact]
    public async Task Create_KnownVideo_Returns201WithLocationAndMovesVideoToUploading()
    {
        var videoId = await CreateVideoAsync(client);

        using var response = await client.SendAsync(Create(100, Metadata(("videoId", videoId), ("filename", "a.mp4"))));
        var video = await VideoAsync(cluster, videoId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^/api/uploads/[A-Za-z0-9_-]{22}$", response.Headers.Location!.OriginalString);
        Assert.True(response.Headers.Contains("Upload-Expires"));
        Assert.Equal(VideoStatus.Uploading, video!.Status);
    }

    [Fact]
    public async Task Create_WithoutVideoId_Returns400WithCode()
    {
        using var response = await client.SendAsync(Create(100, Metadata(("filename", "a.mp4"))));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "video_id_required");
    }

    [Fact]
    public async Task Create_MalformedMetadata_Returns400()
    {
        using var response = await client.SendAsync(Create(100, "videoId not*base64"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_metadata");
    }

    [Fact]
    public async Task Create_UnknownVideo_Returns404()
    {
        using var response = await client.SendAsync(Create(100, Metadata(("videoId", "nosuchvideo1"))));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Create_VideoNotAwaitingBytes_Returns409()
    {
        var videoId = await CreateVideoAsync(client);
        await cluster.Client.GetGrain<IVideoGrain>(videoId).CompleteUpload(new UploadedSource($"raw/{videoId}/source", 1, null, null));

        using var response = await client.SendAsync(Create(100, Metadata(("videoId", videoId))));

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "video_not_awaiting_upload");
    }

    [Fact]
    public async Task Create_OverMaxSize_Returns413()
    {
        var videoId = await CreateVideoAsync(client);

        using var response = await client.SendAsync(Create(1_000_001, Metadata(("videoId", videoId))));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
    }

    [Fact]
    public async Task Create_MissingTusResumable_Returns412WithTusVersion()
    {
        var request = Create(100, Metadata(("videoId", "x")));
        request.Headers.Remove("Tus-Resumable");

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed, "unsupported_tus_version");
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
    }

    [Fact]
    public async Task Patch_OtherTusVersion_Returns412()
    {
        var (_, upload) = await CreateUploadAsync(client, cluster, 10);
        var request = Patch(upload, 0, new byte[10]);
        request.Headers.Remove("Tus-Resumable");
        request.Headers.Add("Tus-Resumable", "0.2.2");

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed, "unsupported_tus_version");
    }

    [Fact]
    public async Task Patch_WholeFileInTwoChunks_CompletesVideoWithIdenticalSource()
    {
        var bytes = RandomBytes(300_000);
        var (videoId, upload) = await CreateUploadAsync(client, cluster, bytes.Length);

        using var first = await client.SendAsync(Patch(upload, 0, bytes[..100_000]));
        using var second = await client.SendAsync(Patch(upload, 100_000, bytes[100_000..]));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal("100000", first.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal("300000", second.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(bytes, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
        var video = await VideoAsync(cluster, videoId);
        UploadAssertions.Completed(video);
        Assert.Equal(300_000, video.Source!.Size);
    }

    [Fact]
    public async Task Patch_WrongContentType_Returns415()
    {
        var (_, upload) = await CreateUploadAsync(client, cluster, 10);
        var request = Patch(upload, 0, new byte[10]);
        request.Content!.Headers.ContentType = new("application/octet-stream");

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_content_type");
    }

    [Fact]
    public async Task Patch_WrongOffset_Returns409()
    {
        var (_, upload) = await CreateUploadAsync(client, cluster, 10);

        using var response = await client.SendAsync(Patch(upload, 3, new byte[7]));

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "offset_mismatch");
        Assert.Equal(0, await OffsetAsync(client, upload));
    }

    [Fact]
    public async Task Patch_UnknownUpload_Returns404()
    {
        using var response = await client.SendAsync(Patch(new Uri("/api/uploads/AAAAAAAAAAAAAAAAAAAAAA", UriKind.Relative), 0, new byte[1]));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "upload_not_found");
    }

    [Fact]
    public async Task Patch_BeyondUploadLength_Returns413AndKeepsOffset()
    {
        var (_, upload) = await CreateUploadAsync(client, cluster, 10);

        using var response = await client.SendAsync(Patch(upload, 0, new byte[11]));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        Assert.Equal(0, await OffsetAsync(client, upload));
    }

    [Fact]
    public async Task Patch_ChunkedBodyBeyondUploadLength_Returns413AndKeepsOffset()
    {
        var (_, upload) = await CreateUploadAsync(client, cluster, 10);
        var content = new StreamContent(new MemoryStream(new byte[25]));
        content.Headers.ContentLength = null;

        using var response = await client.SendAsync(Patch(upload, 0, content));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        Assert.Equal(0, await OffsetAsync(client, upload));
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    public async Task Patch_MatchingChecksum_Returns204(string algorithm)
    {
        var bytes = RandomBytes(5000);
        var (_, upload) = await CreateUploadAsync(client, cluster, 10_000);
        var digest = algorithm == "sha1" ? SHA1.HashData(bytes) : SHA256.HashData(bytes);

        using var response = await client.SendAsync(Patch(upload, 0, bytes, $"{algorithm} {Convert.ToBase64String(digest)}"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(5000, await OffsetAsync(client, upload));
    }

    [Fact]
    public async Task Patch_ChecksumMismatch_Returns460AndLeavesOffsetUnchanged()
    {
        var bytes = RandomBytes(5000);
        var (videoId, upload) = await CreateUploadAsync(client, cluster, 10_000);
        using var first = await client.SendAsync(Patch(upload, 0, bytes[..1000]));
        var wrong = Convert.ToBase64String(SHA1.HashData(bytes[..10]));

        using var response = await client.SendAsync(Patch(upload, 1000, bytes[1000..], $"sha1 {wrong}"));

        await AssertProblemAsync(response, (HttpStatusCode)460, "checksum_mismatch");
        Assert.Equal(1000, await OffsetAsync(client, upload));
        // The discarded chunk can be sent again, and what is stored is the good bytes.
        using var retry = await client.SendAsync(Patch(upload, 1000, bytes[1000..]));
        using var rest = await client.SendAsync(Patch(upload, 5000, new byte[5000]));
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        byte[] expected = [.. bytes, .. new byte[5000]];
        Assert.Equal(expected, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
    }

    [Fact]
    public async Task Patch_UnsupportedChecksumAlgorithm_Returns400()
    {
        var (_, upload) = await CreateUploadAsync(client, cluster, 10);

        using var response = await client.SendAsync(Patch(upload, 0, new byte[10], "md5 1B2M2Y8AsgTpgAmY7PhCfg=="));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "unsupported_checksum_algorithm");
    }

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

    [Fact]
    public async Task Create_WithUpload_StoresFirstBytesAndReturnsOffset()
    {
        var videoId = await CreateVideoAsync(client);
        var request = Create(100, Metadata(("videoId", videoId)));
        request.Content = new ByteArrayContent(new byte[60]);
        request.Content.Headers.ContentType = new("application/offset+octet-stream");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("60", response.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(60, await OffsetAsync(client, response.Headers.Location!));
    }

    [Theory]
    [InlineData("POST", "/api/uploads")]
    [InlineData("PATCH", "/api/uploads/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("HEAD", "/api/uploads/AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Preflight_FromBrowserOrigin_AllowsTusHeaders(string method, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "tus-resumable,upload-offset,upload-length,upload-metadata,upload-checksum,content-type");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("upload-offset", allowed, StringComparison.Ordinal);
        Assert.Contains("upload-checksum", allowed, StringComparison.Ordinal);
        Assert.Contains(method, string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FromBrowserOrigin_ExposesTusResponseHeaders()
    {
        var videoId = await CreateVideoAsync(client);
        var request = Create(10, Metadata(("videoId", videoId)));
        request.Headers.Add("Origin", "https://app.example");

        using var response = await client.SendAsync(request);

        var exposed = string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "Location", "Upload-Offset", "Upload-Length", "Upload-Metadata", "Tus-Resumable", "Upload-Expires" })
        {
            Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase);
        }
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
    }
}
