using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Recommendations;

[Trait("Category", "Integration")]
[Collection(ClusterCollection.Name)]
public sealed class RecommendationsApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ApiFactory api = new(cluster);
    private HttpClient anonymous = null!;
    private TestUser owner = null!;

    public async Task InitializeAsync()
    {
        anonymous = api.CreateClient();
        owner = await api.RegisterUserAsync();
    }

    public async Task DisposeAsync()
    {
        owner.Dispose();
        anonymous.Dispose();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task Related_WatchedNextLeads_NeverItselfNorPrivate()
    {
        var topic = Word();
        var a = await ReadyVideoAsync(owner, $"{topic} basics", [topic, "cluster"]);
        var b = await ReadyVideoAsync(owner, $"{topic} in depth", [topic]);
        var c = await ReadyVideoAsync(owner, $"{topic} cluster tips", [topic, "cluster"]);
        var hidden = await ReadyVideoAsync(owner, $"{topic} basics cluster", [topic, "cluster"], Visibility.Private);
        var viewer = $"viewer-{Guid.NewGuid():N}";
        await PlayAsync(a, viewer, TimeSpan.FromMinutes(-5));
        // The two videos' events travel on different streams: b is sent once a is in the history.
        var history = cluster.Client.GetGrain<IViewerHistoryGrain>(ViewerKeys.OfAnonymous(viewer));
        Assert.True(await Eventually.WaitAsync(async () => (await history.Recent(10)).Contains(a), Deadline));
        await PlayAsync(b, viewer, TimeSpan.FromMinutes(-1));

        List<string> related = [];
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            related = await IdsAsync($"/api/videos/{a}/related");
            return related.FirstOrDefault() == b && related.Contains(c);
        }, Deadline), string.Join(",", related));
        Assert.DoesNotContain(a, related);
        Assert.DoesNotContain(hidden, related);
        Assert.DoesNotContain(hidden, await IdsAsync($"/api/videos/{b}/related?limit=50"));
    }

    [Fact]
    public async Task Related_VideoTurningPrivate_LeavesTheCachedList()
    {
        var topic = Word();
        var a = await ReadyVideoAsync(owner, $"{topic} one", [topic]);
        var b = await ReadyVideoAsync(owner, $"{topic} two", [topic]);
        var index = cluster.Client.GetGrain<IContentIndexGrain>(IContentIndexGrain.Key);
        Assert.True(await Eventually.WaitAsync(async () => (await index.Candidates(b, [], 1)).Indexed, Deadline));
        Assert.True(await Eventually.WaitAsync(async () => (await IdsAsync($"/api/videos/{a}/related")).Contains(b), Deadline));

        (await owner.Client.PatchAsJsonAsync($"/api/videos/{b}", new { visibility = "private" })).EnsureSuccessStatusCode();

        Assert.DoesNotContain(b, await IdsAsync($"/api/videos/{a}/related"));
        // Not only hidden when served: the stream consumer takes it out of the grain's cached list.
        var grain = cluster.Client.GetGrain<IRelatedVideosGrain>(a);
        Assert.True(await Eventually.WaitAsync(async () => (await grain.Top(50)).All(r => r.VideoId != b), Deadline));
    }

    [Fact]
    public async Task Home_Anonymous_OnlyPublicReadyVideos()
    {
        var shown = await ReadyVideoAsync(owner, "anonymous home public", []);
        var hidden = await ReadyVideoAsync(owner, "anonymous home private", [], Visibility.Private);
        var unlisted = await ReadyVideoAsync(owner, "anonymous home unlisted", [], Visibility.Unlisted);

        JsonElement[] items = [];
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            items = await ItemsAsync(anonymous, "/api/home?limit=50");
            return items.Any(i => i.GetProperty("id").GetString() == shown);
        }, Deadline));
        Assert.All(items, i =>
        {
            Assert.Equal("public", i.GetProperty("visibility").GetString());
            Assert.Equal("ready", i.GetProperty("status").GetString());
            Assert.True(i.TryGetProperty("reason", out _));
        });
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetString() is { } id && (id == hidden || id == unlisted));
    }

    [Fact]
    public async Task Home_BatchedCheck_DropsAVideoMadePrivate()
    {
        var video = await ReadyVideoAsync(owner, "home batched check", []);
        var check = cluster.Client.GetGrain<IShownVideosGrain>(0);
        Assert.True(await Eventually.WaitAsync(async () => (await check.Public(["unknownvideo1", video])).Any(v => v.Video.Id == video), Deadline));

        (await owner.Client.PatchAsJsonAsync($"/api/videos/{video}", new { visibility = "private" })).EnsureSuccessStatusCode();

        // Answers are held for ShownVideosGrain.Lifetime (a second); the deadline only bounds a slow machine.
        Assert.True(await Eventually.WaitAsync(async () => (await check.Public([video])).Count == 0, Deadline));
        Assert.True(await Eventually.WaitAsync(async () => !(await IdsAsync("/api/home?limit=50")).Contains(video), Deadline));
    }

    [Fact]
    public async Task Home_SignedIn_SubscriptionsFirst_AtMostTwoInARowFromOneOwner()
    {
        using var creator = await api.RegisterUserAsync();
        using var other = await api.RegisterUserAsync();
        using var viewer = await api.RegisterUserAsync();
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            mine.Add(await ReadyVideoAsync(creator, $"creator video {i}", []));
        }

        await ReadyVideoAsync(other, "other creator video", []);
        (await viewer.Client.PostAsJsonAsync($"/api/users/{creator.Id}/subscription", new { })).EnsureSuccessStatusCode();
        (await viewer.Client.PostAsJsonAsync($"/api/users/{other.Id}/subscription", new { })).EnsureSuccessStatusCode();

        JsonElement[] items = [];
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            items = await ItemsAsync(viewer.Client, "/api/home?limit=30");
            return items.Count(i => mine.Contains(i.GetProperty("id").GetString()!)) >= 3;
        }, Deadline));
        Assert.Equal("subscription", items[0].GetProperty("reason").GetString());
        var owners = items.Select(i => i.GetProperty("owner").GetProperty("id").GetString()).ToList();
        for (var i = 2; i < owners.Count; i++)
        {
            Assert.False(owners[i] == owners[i - 1] && owners[i] == owners[i - 2], $"three in a row from {owners[i]} at {i}");
        }

        Assert.Equal(items.Length, items.Select(i => i.GetProperty("id").GetString()).Distinct().Count());
    }

    [Theory]
    [InlineData("/api/videos/{id}/related?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/videos/{id}/related?limit=10000", HttpStatusCode.BadRequest)]
    [InlineData("/api/videos/{id}/related?limit=ten", HttpStatusCode.BadRequest)]
    [InlineData("/api/videos/unknownvideo1/related", HttpStatusCode.NotFound)]
    [InlineData("/api/videos/..%2F..%2Fetc/related", HttpStatusCode.NotFound)]
    [InlineData("/api/home?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/home?limit=10000", HttpStatusCode.BadRequest)]
    public async Task BadInput_IsAProblemNeverA500(string path, HttpStatusCode expected)
    {
        var id = await ReadyVideoAsync(owner, "bad input", []);

        var response = await anonymous.GetAsync(path.Replace("{id}", id, StringComparison.Ordinal));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Word() => $"topic{Guid.NewGuid():N}"[..14];

    /// <summary>A video of <paramref name="creator"/> made Ready without transcoding (as a packaged recording is).</summary>
    private async Task<string> ReadyVideoAsync(TestUser creator, string title, string[] tags, Visibility visibility = Visibility.Public)
    {
        var created = await creator.Client.PostAsJsonAsync("/api/videos", new { title, tags, description = $"about {title}", visibility = visibility.ToString().ToLowerInvariant() });
        created.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await cluster.Client.GetGrain<IVideoGrain>(id).ImportRecording(new TranscodeOutput
        {
            Source = new SourceInfo { Container = "mp4", VideoCodec = "h264", Width = 640, Height = 360, FrameRate = 30, DurationSeconds = 600 },
            Renditions = [new Rendition("360p", 640, 360, 800_000, 30)],
            MasterKey = MediaKeys.Video(id, "hls/master.m3u8"),
        });
        return id;
    }

    private async Task PlayAsync(string videoId, string viewerId, TimeSpan ago)
    {
        var at = TimeProvider.System.GetUtcNow() + ago;
        var response = await anonymous.PostAsJsonAsync($"/api/videos/{videoId}/events", new
        {
            sessionId = $"session-{Guid.NewGuid():N}",
            viewerId,
            sequence = 0,
            events = new[] { new { type = "play", at, position = 0.0 }, new { type = "heartbeat", at = at.AddSeconds(15), position = 15.0 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<List<string>> IdsAsync(string path) =>
        (await ItemsAsync(anonymous, path)).Select(i => i.GetProperty("id").GetString()!).ToList();

    private static async Task<JsonElement[]> ItemsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToArray();
    }
}
