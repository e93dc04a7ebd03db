using System.Net;
using System.Net.Http.Headers;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Live;

/// <summary>/live serves its objects the way /play does: byte ranges, ETag revalidation, per-kind caching, CORS.</summary>
[Trait("Category", "Integration")]
[Collection(ClusterCollection.Name)]
public sealed class LiveServingTests(PlatformClusterFixture cluster) : ClusterApiTest(cluster)
{
    private readonly string channel = PlatformIds.New();
    private readonly string session = PlatformIds.New();
    private readonly byte[] segment = new byte[5000];

    private string SegmentPath => $"/live/{channel}/{MediaKeys.LiveRungPath(session, "src", "seg_0.ts")}";

    private string IndexPath => $"/live/{channel}/{MediaKeys.LiveRungPath(session, "src", "index.m3u8")}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        new Random(3).NextBytes(segment);
        var store = new FileSystemObjectStore(Cluster.StorageRoot, TimeProvider.System);
        await store.PutAsync(MediaKeys.LiveRung(channel, session, "src", "seg_0.ts"), new MemoryStream(segment));
        await store.PutTextAsync(MediaKeys.LiveRung(channel, session, "src", "index.m3u8"), "#EXTM3U\n#EXTINF:2.0,\nseg_0.ts\n");
    }

    [Fact]
    public async Task Segment_Range_Returns206WithExactBytes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, SegmentPath);
        request.Headers.Range = new RangeHeaderValue(100, 1099);
        request.Headers.Add("Origin", "https://player.example");
        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 100-1099/{segment.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(segment[100..1100], await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Segment_RangePastTheEnd_Returns416()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, SegmentPath);
        request.Headers.Range = new RangeHeaderValue(segment.Length + 10, null);
        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{segment.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MatchingETag_Returns304WithoutBody(bool playlist)
    {
        var path = playlist ? IndexPath : SegmentPath;
        var first = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(playlist ? "public, max-age=1" : "public, max-age=31536000, immutable", first.Headers.CacheControl?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TraversalPath_Returns404()
    {
        var response = await Http.GetAsync($"/live/{channel}/{session}/src/..%2F..%2F..%2Fraw%2Fx%2Fsource");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
