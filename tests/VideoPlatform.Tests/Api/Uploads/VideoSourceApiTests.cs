using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VideoSourceApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster, new Dictionary<string, string?> { ["VideoPlatform:Uploads:MaxSize"] = "100000" });
    private HttpClient client = null!;

    public async Task InitializeAsync() => client = (await api.RegisterUserAsync()).Client;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task PutSource_CreatedVideo_StoresBytesAndVideoIsUploaded()
    {
        var videoId = await CreateVideoAsync(client);
        var bytes = RandomBytes(50_000);

        using var response = await client.PutAsync(Source(videoId), Body(bytes));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(bytes, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
        UploadAssertions.Completed((await VideoAsync(cluster, videoId)));
    }

    [Fact]
    public async Task PutSource_LabelledAsAFormAsCurlDataBinaryDoes_StillTakenAsMedia()
    {
        var videoId = await CreateVideoAsync(client);
        var bytes = RandomBytes(90_000); // over the JSON and form limit in this Api (64 KiB)
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        using var response = await client.PutAsync(Source(videoId), body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(bytes, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
    }

    [Fact]
    public async Task PutSource_UnknownVideo_Returns404()
    {
        using var response = await client.PutAsync(Source("nosuchvideo2"), Body(new byte[10]));

        await AssertCodeAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task PutSource_VideoAlreadyHasSource_Returns409AndKeepsTheFirst()
    {
        var videoId = await CreateVideoAsync(client);
        var first = RandomBytes(1000);
        using var accepted = await client.PutAsync(Source(videoId), Body(first));

        using var response = await client.PutAsync(Source(videoId), Body(new byte[500]));

        await AssertCodeAsync(response, HttpStatusCode.Conflict, "video_not_awaiting_upload");
        Assert.Equal(first, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
    }

    [Fact]
    public async Task PutSource_OverMaxSize_Returns413()
    {
        var videoId = await CreateVideoAsync(client);

        using var response = await client.PutAsync(Source(videoId), Body(new byte[100_001]));

        await AssertCodeAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        Assert.Equal(VideoStatus.Created, (await VideoAsync(cluster, videoId))!.Status);
    }

    [Fact]
    public async Task PutSource_ChunkedOverMaxSize_Returns413WithoutStoring()
    {
        var videoId = await CreateVideoAsync(client);
        var content = new StreamContent(new MemoryStream(new byte[150_000]));
        content.Headers.ContentLength = null;

        using var response = await client.PutAsync(Source(videoId), content);

        await AssertCodeAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        Assert.Null(await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
    }

    [Fact]
    public async Task PutSource_EmptyBody_Returns400Empty()
    {
        var videoId = await CreateVideoAsync(client);

        using var response = await client.PutAsync(Source(videoId), Body([]));

        await AssertCodeAsync(response, HttpStatusCode.BadRequest, "empty");
        Assert.Equal(VideoStatus.Created, (await VideoAsync(cluster, videoId))!.Status);
    }

    private static Uri Source(string videoId) => new($"/api/videos/{videoId}/source", UriKind.Relative);

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        return content;
    }

    private static async Task AssertCodeAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
    }
}
