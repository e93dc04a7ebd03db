using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Api.Playback;
using VideoPlatform.Tests.Api.Auth;
using VideoPlatform.Tests.EndToEnd;
using VideoPlatform.Tests.Fixtures;
using Xunit.Abstractions;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>
/// With <c>Playback:PublicBaseUrl</c>: public Ready videos are pointed at the CDN, the origin route it pulls from
/// (/cdn/…) serves only them, and a video made private or deleted is refused there within the stop bound, also by a
/// replica that did not handle the change. No CDN runs here: the tests ask the origin what an edge would ask.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CdnPlaybackTests(PlatformClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Cdn = "https://cdn.example.test/vp";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["VideoPlatform:Playback:PublicBaseUrl"] = Cdn,
        // Replicas share the signing key, as in production: a version one hands out, the other checks.
        ["VideoPlatform:Auth:SigningKey"] = SigningKeyTests.ProductionKey,
    };

    private readonly ApiFactory api = new(cluster, Settings);
    private readonly ApiFactory replica = new(cluster, Settings);
    private readonly TempFolder folder = new("vp-cdn-play");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await replica.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task PublicVideo_PointsAtTheCdn_OriginServesItForSharedCaches()
    {
        using var owner = await api.RegisterUserAsync();
        using var anonymous = api.CreateClient();
        var id = await ReadyVideoAsync(owner.Client, "public");

        var playback = (await JsonAsync(anonymous, $"/api/videos/{id}")).GetProperty("playback");
        var hls = playback.GetProperty("hls").GetString()!;
        Assert.StartsWith($"{Cdn}/{id}/", hls, StringComparison.Ordinal);
        Assert.StartsWith($"{Cdn}/{id}/", playback.GetProperty("poster").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"{Cdn}/{id}/", playback.GetProperty("storyboard").GetString(), StringComparison.Ordinal);

        var (master, segment) = await OriginPathsAsync(anonymous, hls);
        var playlist = await anonymous.GetAsync(new Uri(master, UriKind.Relative));
        var media = await anonymous.GetAsync(new Uri(segment, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Equal("public, max-age=2", RawHeaders.CacheControl(playlist));
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", RawHeaders.CacheControl(media));
        // An edge keeps one copy for all: the CORS header is there although this request sent no Origin.
        Assert.Equal("*", media.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var stale = await anonymous.GetAsync(new Uri($"/cdn/{id}/AAAAAAAAAAAAAAAAAAAAAA/master.m3u8", UriKind.Relative));
        await Problems.AssertAsync(stale, HttpStatusCode.NotFound, "not_public");
        Assert.Equal("no-store", RawHeaders.CacheControl(stale));
        // The Api's own route is never for shared caches.
        var direct = await anonymous.GetAsync(new Uri($"/play/{id}/master.m3u8", UriKind.Relative));
        Assert.Equal("private, max-age=2", RawHeaders.CacheControl(direct));
    }

    [Fact]
    public async Task NonPublic_NeverPointsAtTheCdn_AndEveryReplicasOriginRefusesItWithinTheBound()
    {
        using var owner = await api.RegisterUserAsync();
        using var anonymous = api.CreateClient();
        using var edge = replica.CreateClient();
        var id = await ReadyVideoAsync(owner.Client, "unlisted");

        // Unlisted: the Api's route with a link token, never the CDN.
        var unlisted = await HlsAsync(anonymous, id);
        Assert.Matches($"^/play/{id}/pt\\.[^/]+/master\\.m3u8$", unlisted);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(unlisted, UriKind.Relative))).StatusCode);

        (await owner.Client.PatchAsJsonAsync($"/api/videos/{id}", new { visibility = "public" })).EnsureSuccessStatusCode();
        var firstPublic = await HlsAsync(anonymous, id);
        Assert.StartsWith($"{Cdn}/{id}/", firstPublic, StringComparison.Ordinal);
        var (master, segment) = await OriginPathsAsync(edge, firstPublic);
        Assert.True(await AnswerAsync(edge, master, segment, HttpStatusCode.OK, TimeSpan.FromSeconds(60)), "the other replica never served the public video");

        // Private, through one replica: the other one (its access cache warm) refuses within the bound, counting the
        // time an edge may still hand out the playlist it holds.
        (await owner.Client.PatchAsJsonAsync($"/api/videos/{id}", new { visibility = "private" })).EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        Assert.True(
            await AnswerAsync(edge, master, segment, HttpStatusCode.NotFound, PlaybackCacheControl.StopBound - PlaybackCacheControl.PlaylistLifetime),
            $"the origin still served the private video after {clock.Elapsed}");
        output.WriteLine($"private: the other replica's origin refused after {clock.Elapsed.TotalSeconds:F2} s");

        // Only the owner plays it now, through the Api with a token, on either replica.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative))).StatusCode);
        var ownerHls = await HlsAsync(owner.Client, id);
        Assert.Matches($"^/play/{id}/pt\\.[^/]+/master\\.m3u8$", ownerHls);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync(new Uri(ownerHls, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.GetAsync(new Uri(ownerHls, UriKind.Relative))).StatusCode);

        // Public again: a new version is served; the old URLs (and anything an edge still holds under them) stay dead.
        (await owner.Client.PatchAsJsonAsync($"/api/videos/{id}", new { visibility = "public" })).EnsureSuccessStatusCode();
        var secondPublic = await HlsAsync(anonymous, id);
        Assert.NotEqual(firstPublic, secondPublic);
        var newMaster = "/cdn" + secondPublic[Cdn.Length..];
        Assert.True(await AnswerAsync(edge, newMaster, newMaster, HttpStatusCode.OK, TimeSpan.FromSeconds(60)), "the new version was never served");
        var (_, newSegment) = await OriginPathsAsync(edge, secondPublic);
        Assert.Equal(HttpStatusCode.OK, (await edge.GetAsync(new Uri(newSegment, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await edge.GetAsync(new Uri(master, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await edge.GetAsync(new Uri(segment, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Deleted_EveryReplicasOriginRefusesItWithinTheBound()
    {
        using var owner = await api.RegisterUserAsync();
        using var edge = replica.CreateClient();
        var id = await ReadyVideoAsync(owner.Client, "public");
        var (master, segment) = await OriginPathsAsync(edge, await HlsAsync(owner.Client, id));
        Assert.Equal(HttpStatusCode.OK, (await edge.GetAsync(new Uri(master, UriKind.Relative))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync(new Uri($"/api/videos/{id}", UriKind.Relative))).StatusCode);
        var clock = Stopwatch.StartNew();

        Assert.True(
            await AnswerAsync(edge, master, segment, HttpStatusCode.NotFound, PlaybackCacheControl.StopBound - PlaybackCacheControl.PlaylistLifetime),
            $"the origin still served the deleted video after {clock.Elapsed}");
        output.WriteLine($"deleted: the other replica's origin refused after {clock.Elapsed.TotalSeconds:F2} s");
    }

    private async Task<string> ReadyVideoAsync(HttpClient client, string visibility)
    {
        var clip = await TestMedia.ClipAsync(folder.Path, 320, 240, 2);
        var created = await client.PostAsJsonAsync("/api/videos", new { title = "cdn", visibility });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await VodSteps.PutSourceAsync(client, id, clip);
        await VodSteps.WaitForStatusAsync(client, id, "ready", TimeSpan.FromMinutes(2));
        return id;
    }

    /// <summary>The origin paths an edge pulls for a CDN master URL: the master and one segment its first rung names.</summary>
    private static async Task<(string Master, string Segment)> OriginPathsAsync(HttpClient client, string hls)
    {
        var master = "/cdn" + hls[Cdn.Length..];
        var rung = new Uri(new Uri("http://x" + master), "240p/index.m3u8").AbsolutePath;
        var media = await client.GetStringAsync(new Uri(rung, UriKind.Relative));
        var segment = new Uri(new Uri("http://x" + rung), media.Split('\n').First(l => l.EndsWith(".m4s", StringComparison.Ordinal))).AbsolutePath;
        return (master, segment);
    }

    /// <summary>Polls until the master and the segment both answer <paramref name="status"/> (false when the deadline passes first).</summary>
    private static Task<bool> AnswerAsync(HttpClient client, string master, string segment, HttpStatusCode status, TimeSpan deadline) =>
        Eventually.WaitAsync(
            async () => (await client.GetAsync(new Uri(master, UriKind.Relative))).StatusCode == status
                && (await client.GetAsync(new Uri(segment, UriKind.Relative))).StatusCode == status,
            deadline,
            TimeSpan.FromMilliseconds(100));

    private static async Task<string> HlsAsync(HttpClient client, string id) =>
        (await JsonAsync(client, $"/api/videos/{id}")).GetProperty("playback").GetProperty("hls").GetString()!;

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement;
}
