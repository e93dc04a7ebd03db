using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Search;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Hosting.Search;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Search;

/// <summary>
/// Search end to end on the test cluster (memory streams, the in-memory index grain): videos are indexed by the
/// projection consuming the real <c>video</c> stream, and leave the index within 2 s of turning unsearchable.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ClusterCollection.Name)]
public sealed class SearchApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private static readonly TimeSpan Indexing = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Disappear = TimeSpan.FromSeconds(2);

    private readonly ApiFactory api = new(cluster);
    private readonly string word = $"zq{Guid.NewGuid():N}"[..12];
    private HttpClient anonymous = null!;
    private TestUser owner = null!;

    private ISearchIndex Index => new GrainSearchIndex(cluster.Client);

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

    private async Task<string> ReadyVideoAsync(string title, Visibility visibility = Visibility.Public, string description = "", string[]? tags = null)
    {
        var id = PlatformIds.New();
        var video = cluster.Client.GetGrain<IVideoGrain>(id);
        await video.Create(new CreateVideo { Title = title, Description = description, Tags = tags ?? [], Visibility = visibility, OwnerId = owner.Id });
        await video.ImportRecording(new TranscodeOutput
        {
            Source = new SourceInfo { Width = 640, Height = 360, FrameRate = 25, DurationSeconds = 30, VideoCodec = "h264" },
            Renditions = [],
            MasterKey = $"vod/{id}/hls/master.m3u8",
        });
        return id;
    }

    private async Task<List<string>> IndexedAsync(string text) =>
        (await Index.SearchAsync(new SearchQuery { Text = text, Limit = 50 })).Items.Select(h => h.VideoId).ToList();

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await anonymous.GetAsync($"/api/search?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task ReadyVideo_IsFoundWithItsVideoJsonAndHighlight()
    {
        var id = await ReadyVideoAsync($"Kubernetes {word} deep dive", description: $"All about {word}", tags: ["devops"]);
        Assert.True(await Eventually.WaitAsync(async () => (await IndexedAsync(word)).Contains(id), Indexing));

        var body = await SearchAsync($"q={word}");
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal("ready", item.GetProperty("status").GetString());
        Assert.Equal(owner.Id, item.GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal($"Kubernetes <mark>{word}</mark> deep dive", item.GetProperty("highlight").GetProperty("title").GetString());
        Assert.Contains($"<mark>{word}</mark>", item.GetProperty("highlight").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("devops", body.GetProperty("facets").GetProperty("tags")[0].GetProperty("tag").GetString());
        Assert.Equal(1, body.GetProperty("total").GetInt64());

        var suggestions = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/search/suggest?q={word[..6]}")).RootElement.GetProperty("items");
        Assert.Contains($"Kubernetes {word} deep dive", suggestions.EnumerateArray().Select(s => s.GetString()));
        Assert.True(suggestions.GetArrayLength() <= 8);
    }

    [Theory]
    [InlineData("private")]
    [InlineData("deleted")]
    public async Task Video_TurningUnsearchable_LeavesTheIndexWithinTwoSeconds(string change)
    {
        var id = await ReadyVideoAsync($"Vanishing {word}");
        Assert.True(await Eventually.WaitAsync(async () => (await IndexedAsync(word)).Contains(id), Indexing));

        var clock = Stopwatch.StartNew();
        var video = cluster.Client.GetGrain<IVideoGrain>(id);
        await (change == "private" ? video.Update(new VideoPatch { Visibility = Visibility.Private }) : video.Delete());

        Assert.True(await Eventually.WaitAsync(async () => !(await IndexedAsync(word)).Contains(id), Disappear, TimeSpan.FromMilliseconds(50)),
            $"still indexed {clock.Elapsed.TotalMilliseconds:0} ms after turning {change}");
        Assert.Empty((await SearchAsync($"q={word}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task PrivateUnlistedFailedAndDeleted_NeverAppear_EvenAfterAReindex()
    {
        var hidden = new List<string>
        {
            await ReadyVideoAsync($"Hidden {word} one", Visibility.Private),
            await ReadyVideoAsync($"Hidden {word} two", Visibility.Unlisted),
        };
        var deleted = await ReadyVideoAsync($"Hidden {word} three");
        await cluster.Client.GetGrain<IVideoGrain>(deleted).Delete();
        hidden.Add(deleted);
        var failed = PlatformIds.New();
        await cluster.Client.GetGrain<IVideoGrain>(failed).Create(new CreateVideo { Title = $"Hidden {word} four", OwnerId = owner.Id });
        await cluster.Client.GetGrain<IVideoGrain>(failed).BeginUpload("upload-1");
        await cluster.Client.GetGrain<IVideoGrain>(failed).Fail(new VideoFailure("corrupt", "bad bytes"));
        hidden.Add(failed);
        var shown = await ReadyVideoAsync($"Shown {word}");
        Assert.True(await Eventually.WaitAsync(async () => (await IndexedAsync(word)).Contains(shown), Indexing));

        using var admin = await api.AdminAsync();
        var reindex = await admin.Client.PostAsJsonAsync("/api/admin/search/reindex", new { });
        Assert.Equal(HttpStatusCode.OK, reindex.StatusCode);
        var counts = JsonDocument.Parse(await reindex.Content.ReadAsStringAsync()).RootElement;
        Assert.True(counts.GetProperty("indexed").GetInt32() >= 1 && counts.GetProperty("removed").GetInt32() >= hidden.Count);

        Assert.Equal([shown], await IndexedAsync(word));
        var items = (await SearchAsync($"q={word}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal([shown], items);
    }

    [Fact]
    public async Task EditedTitle_FoundByItsNewWordsOnly()
    {
        // Two unrelated words: similar ones would still find each other through typo tolerance.
        var before = $"zq{Guid.NewGuid():N}"[..12];
        var after = $"zq{Guid.NewGuid():N}"[..12];
        var id = await ReadyVideoAsync($"Original {before}");
        Assert.True(await Eventually.WaitAsync(async () => (await IndexedAsync(before)).Contains(id), Indexing));

        var patched = await owner.Client.PatchAsJsonAsync($"/api/videos/{id}", new { title = $"Renamed {after}" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        Assert.True(await Eventually.WaitAsync(async () => (await IndexedAsync(after)).Contains(id), Indexing));
        Assert.Empty(await IndexedAsync(before));
    }

    [Theory]
    [InlineData("sort=popular", "invalid_sort")]
    [InlineData("cursor=not-a-cursor", "invalid_cursor")]
    [InlineData("duration=forever", "invalid_duration")]
    [InlineData("uploaded=decade", "invalid_uploaded")]
    [InlineData("limit=0", "invalid_limit")]
    [InlineData("owner=..%2F..", "invalid_owner")]
    public async Task Search_BadParameter_400WithCode(string query, string code)
    {
        var response = await anonymous.GetAsync($"/api/search?q=x&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Search_HostileText_400OrACorrectResult_NeverA500()
    {
        var tooLong = new string('k', 1000);
        foreach (var path in new[] { "/api/search?q=", "/api/search/suggest?q=" })
        {
            var refused = await anonymous.GetAsync(path + tooLong);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("query_too_long", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            foreach (var text in new[] { "&|!():*'\\", "a & b | !c", "kub:*", "'); DROP TABLE vp_search_documents; --" })
            {
                var answered = await anonymous.GetAsync(path + Uri.EscapeDataString(text));
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }
        }

        var all = await SearchAsync("q=");
        Assert.True(!all.TryGetProperty("nextCursor", out var cursor) || cursor.ValueKind == JsonValueKind.String);
        Assert.Equal(JsonValueKind.Array, all.GetProperty("facets").GetProperty("tags").ValueKind);
    }
}
