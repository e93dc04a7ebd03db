using System.Net;
using System.Net.Http.Headers;
using VideoPlatform.Tests.EndToEnd;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>HTTP semantics of /play: one small real video is transcoded once, then its files are fetched many ways.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PlaybackApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);
    private readonly TempFolder folder = new("vp-play");
    private HttpClient http = null!;
    private string id = "";
    private string segment = "";

    public async Task InitializeAsync()
    {
        http = (await api.RegisterUserAsync()).Client;
        var clip = await TestMedia.ClipAsync(folder.Path, 320, 240, 2);
        id = await VodSteps.CreateAsync(http, "playback");
        await VodSteps.PutSourceAsync(http, id, clip);
        await VodSteps.WaitForStatusAsync(http, id, "ready", TimeSpan.FromMinutes(2));
        var media = await http.GetStringAsync($"/play/{id}/240p/index.m3u8");
        segment = $"/play/{id}/240p/" + media.Split('\n').First(l => l.EndsWith(".m4s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Segment_Whole_HasTypeLengthEtagBrowserOnlyCachingAndCors()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, segment);
        request.Headers.Add("Origin", "https://player.example");
        var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/iso.segment", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        // Only the CDN origin's versioned URLs may be kept by shared caches (CdnPlaybackTests).
        Assert.Equal("private, max-age=3600", RawHeaders.CacheControl(response));
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Segment_Range_Returns206WithExactBytes()
    {
        var whole = await http.GetByteArrayAsync(segment);
        using var request = new HttpRequestMessage(HttpMethod.Get, segment);
        request.Headers.Range = new RangeHeaderValue(10, 109);
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 10-109/{whole.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(whole[10..110], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Segment_SuffixRange_ReturnsTail()
    {
        var whole = await http.GetByteArrayAsync(segment);
        using var request = new HttpRequestMessage(HttpMethod.Get, segment);
        request.Headers.Range = new RangeHeaderValue(null, 50);
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(whole[^50..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Segment_RangePastEnd_Returns416WithLength()
    {
        var whole = await http.GetByteArrayAsync(segment);
        using var request = new HttpRequestMessage(HttpMethod.Get, segment);
        request.Headers.Range = new RangeHeaderValue(whole.Length + 10, null);
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{whole.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Segment_IfNoneMatch_Returns304()
    {
        var first = await http.GetAsync(segment);
        using var request = new HttpRequestMessage(HttpMethod.Get, segment);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Playlist_IsShortLivedHlsType()
    {
        var response = await http.GetAsync(new Uri($"/play/{id}/master.m3u8", UriKind.Relative));

        Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("private, max-age=2", RawHeaders.CacheControl(response));
    }

    [Fact]
    public async Task Playlist_AfterTheVideoIsDeleted_Returns404AtOnce()
    {
        var master = new Uri($"/play/{id}/master.m3u8", UriKind.Relative);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(master)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(new Uri($"/api/videos/{id}", UriKind.Relative))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(master)).StatusCode);
    }

    [Fact]
    public async Task Head_ReturnsHeadersWithoutBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, segment);
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 0);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UploadToReadyVideo_Returns409()
    {
        var response = await http.PutAsync(new Uri($"/api/videos/{id}/source", UriKind.Relative), new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("../../raw/x/source")]
    [InlineData("240p/..%2F..%2Fraw")]
    [InlineData("nope.m4s")]
    public async Task UnknownOrTraversalPath_Returns404(string path)
    {
        var response = await http.GetAsync(new Uri($"/play/{id}/{path}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        folder.Dispose();
        await api.DisposeAsync();
    }
}
