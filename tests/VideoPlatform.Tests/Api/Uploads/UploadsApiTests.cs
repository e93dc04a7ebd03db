using System.Net;
using System.Text.Json;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// The tus endpoints as a registered user of an Api with a 1 MB limit: discovery and creation here; PATCH, HEAD and
/// termination, and CORS in the Upload*ApiTests classes beside this one.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadsApiTests(PlatformClusterFixture cluster) : TusApiTest(cluster)
{
    [Fact]
    public async Task Options_Discovery_AdvertisesVersionExtensionsMaxSizeAndAlgorithms()
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, Endpoint));

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
        var videoId = await CreateVideoAsync(Client);

        using var response = await Client.SendAsync(Create(100, Metadata(("videoId", videoId), ("filename", "a.mp4"))));
        var video = await VideoAsync(Cluster, videoId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^/api/uploads/[A-Za-z0-9_-]{22}$", response.Headers.Location!.OriginalString);
        Assert.True(response.Headers.Contains("Upload-Expires"));
        Assert.Equal(VideoStatus.Uploading, video!.Status);
    }

    [Fact]
    public async Task Create_WithoutVideoId_Returns400WithCode()
    {
        using var response = await Client.SendAsync(Create(100, Metadata(("filename", "a.mp4"))));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "video_id_required");
    }

    [Fact]
    public async Task Create_MalformedMetadata_Returns400()
    {
        using var response = await Client.SendAsync(Create(100, "videoId not*base64"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_metadata");
    }

    [Fact]
    public async Task Create_UnknownVideo_Returns404()
    {
        using var response = await Client.SendAsync(Create(100, Metadata(("videoId", "nosuchvideo1"))));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Create_VideoNotAwaitingBytes_Returns409()
    {
        var videoId = await CreateVideoAsync(Client);
        await Cluster.Client.GetGrain<IVideoGrain>(videoId).CompleteUpload(new UploadedSource($"raw/{videoId}/source", 1, null, null));

        using var response = await Client.SendAsync(Create(100, Metadata(("videoId", videoId))));

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "video_not_awaiting_upload");
    }

    [Fact]
    public async Task Create_OverMaxSize_Returns413()
    {
        var videoId = await CreateVideoAsync(Client);

        using var response = await Client.SendAsync(Create(1_000_001, Metadata(("videoId", videoId))));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
    }

    [Fact]
    public async Task Create_MissingTusResumable_Returns412WithTusVersion()
    {
        var request = Create(100, Metadata(("videoId", "x")));
        request.Headers.Remove("Tus-Resumable");

        using var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed, "unsupported_tus_version");
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
    }

    [Fact]
    public async Task Create_WithUpload_StoresFirstBytesAndReturnsOffset()
    {
        var videoId = await CreateVideoAsync(Client);
        var request = Create(100, Metadata(("videoId", videoId)));
        request.Content = new ByteArrayContent(new byte[60]);
        request.Content.Headers.ContentType = new("application/offset+octet-stream");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("60", response.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(60, await OffsetAsync(Client, response.Headers.Location!));
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
    }
}
