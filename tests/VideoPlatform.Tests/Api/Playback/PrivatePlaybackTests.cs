using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Api.Playback;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.EndToEnd;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>Unlisted: playable by link, never listed. Private: only the owner's path token plays it.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PrivatePlaybackTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);
    private readonly TempFolder folder = new("vp-private-play");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task UnlistedThenPrivate_OnlyTokenHoldersPlay_NeverListed()
    {
        using var owner = await api.RegisterUserAsync();
        using var other = await api.RegisterUserAsync();
        using var anonymous = api.CreateClient();
        var id = await ReadyUnlistedVideoAsync(owner.Client, "secret");

        // Unlisted: a link holder (anyone who GETs the video) gets a tokenized URL that plays; the bare URL does not.
        var linkHls = await HlsAsync(anonymous, id);
        Assert.Matches($"^/play/{id}/pt\\.[^/]+/master\\.m3u8$", linkHls);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(linkHls, UriKind.Relative))).StatusCode);
        var rendition = new Uri(new Uri("http://x" + linkHls), "240p/index.m3u8").AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(rendition, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(new Uri($"/play/{id}/master.m3u8", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(id, await anonymous.GetStringAsync(new Uri("/api/videos?limit=100", UriKind.Relative)));
        Assert.DoesNotContain(id, await other.Client.GetStringAsync(new Uri($"/api/videos?owner={owner.Id}", UriKind.Relative)));
        Assert.Contains(id, await owner.Client.GetStringAsync(new Uri("/api/videos?owner=me", UriKind.Relative)));

        // The owner's own link while unlisted: issued to the owner, but for an unlisted video.
        var ownerUnlistedHls = await HlsAsync(owner.Client, id);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(ownerUnlistedHls, UriKind.Relative))).StatusCode);

        // Private: others cannot see or play it, the link tokens (the owner's too) stop working, the owner's new token plays.
        (await owner.Client.PatchAsJsonAsync($"/api/videos/{id}", new { visibility = "private" })).EnsureSuccessStatusCode();
        // The playback access cache keeps the old answer for up to 5 s: the link token stops working once it lapses.
        var linkRevoked = await Eventually.WaitAsync(
            async () => (await other.Client.GetAsync(new Uri(linkHls, UriKind.Relative))).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(250));
        Assert.True(linkRevoked, "the link token still played 60 s after the video went private");
        var ownerHls = await HlsAsync(owner.Client, id);
        var tokens = api.Services.GetRequiredService<PlaybackTokens>();
        var video = (await cluster.Client.GetGrain<IVideoGrain>(id).Get())!;
        var expired = await tokens.CreateAsync(video, owner.Id, TimeProvider.System.GetUtcNow().AddMinutes(-1));
        var forged = ownerHls.Split('/')[3][..^4] + "AAAA";

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync(new Uri(ownerHls, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync(new Uri(linkHls, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(new Uri(ownerUnlistedHls, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.GetAsync(new Uri(ownerUnlistedHls, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync(new Uri($"/play/{id}/master.m3u8", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.GetAsync(new Uri($"/play/{id}/{expired}/master.m3u8", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.GetAsync(new Uri($"/play/{id}/{forged}/master.m3u8", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task UnlistedPrivateUnlisted_TokensIssuedBeforeStayVoid()
    {
        using var owner = await api.RegisterUserAsync();
        using var anonymous = api.CreateClient();
        var id = await ReadyUnlistedVideoAsync(owner.Client, "shared once");
        var oldLink = await HlsAsync(anonymous, id);
        var oldOwnerLink = await HlsAsync(owner.Client, id);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(oldLink, UriKind.Relative))).StatusCode);

        (await owner.Client.PatchAsJsonAsync($"/api/videos/{id}", new { visibility = "private" })).EnsureSuccessStatusCode();
        (await owner.Client.PatchAsJsonAsync($"/api/videos/{id}", new { visibility = "unlisted" })).EnsureSuccessStatusCode();

        // A link issued now plays once the playback access cache holds the video as it is now; from then on the old ones
        // are judged against the same state.
        var newLink = await HlsAsync(anonymous, id);
        var newPlays = await Eventually.WaitAsync(
            async () => (await anonymous.GetAsync(new Uri(newLink, UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(250));
        Assert.True(newPlays, "a link issued after the video was unlisted again did not play within 60 s");
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(new Uri(oldLink, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.GetAsync(new Uri(oldOwnerLink, UriKind.Relative))).StatusCode);
    }

    private async Task<string> ReadyUnlistedVideoAsync(HttpClient owner, string title)
    {
        var clip = await TestMedia.ClipAsync(folder.Path, 320, 240, 2);
        var created = await owner.PostAsJsonAsync("/api/videos", new { title, visibility = "unlisted" });
        var id = (await JsonAsync(created)).GetProperty("id").GetString()!;
        await VodSteps.PutSourceAsync(owner, id, clip);
        await VodSteps.WaitForStatusAsync(owner, id, "ready", TimeSpan.FromMinutes(2));
        return id;
    }

    private static async Task<string> HlsAsync(HttpClient client, string id) =>
        (await JsonAsync(await client.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative)))).GetProperty("playback").GetProperty("hls").GetString()!;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
