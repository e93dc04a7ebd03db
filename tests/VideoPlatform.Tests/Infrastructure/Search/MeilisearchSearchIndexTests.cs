using System.Text.Json.Nodes;
using VideoPlatform.Grains.Search;
using VideoPlatform.Infrastructure.Search.Meilisearch;

namespace VideoPlatform.Tests.Infrastructure.Search;

/// <summary>
/// The Meilisearch provider against <see cref="MeilisearchStub"/>: no Meilisearch server runs here, so these check
/// that every request has the documented shape and that documented answers (and failures) are read correctly.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MeilisearchSearchIndexTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private MeilisearchStub stub = null!;
    private MeilisearchSearchIndex index = null!;
    private MeilisearchClient client = null!;
    private readonly MeilisearchSettings settings = new() { Url = "http://meili.test", ApiKey = MeilisearchStub.Key, BatchSize = 2 };

    public async Task InitializeAsync()
    {
        stub = await MeilisearchStub.StartAsync();
        client = new MeilisearchClient(stub.Client, settings, TimeProvider.System);
        index = new MeilisearchSearchIndex(client, settings);
    }

    public async Task DisposeAsync()
    {
        index.Dispose();
        await stub.DisposeAsync();
    }

    private static SearchDocument Doc(string id, string title, string[] tags, string owner, double seconds, int daysAgo, long views = 0) => new()
    {
        Id = id, Title = title, Description = $"About {title.ToLowerInvariant()}", Tags = tags, OwnerId = owner, DurationSeconds = seconds,
        PublishedAt = Now.AddDays(-daysAgo), Views = views, Version = 3,
    };

    private static readonly SearchDocument[] Library =
    [
        Doc("k8s-1", "Kubernetes basics", ["devops"], "alice", 120, 1, 10),
        Doc("k8s-2", "Kubernetes networking", ["devops", "network"], "bob", 900, 2, 30),
        Doc("pasta", "Cooking pasta", ["food"], "alice", 2000, 3, 20),
    ];

    [Fact]
    public async Task Upsert_CreatesTheIndexAndSettingsFirst_ThenBatchesDocuments_PollingEachTask()
    {
        await index.UpsertAsync(Library);

        var writes = stub.Requests.Where(r => r.Method != "GET").Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Equal(["POST /indexes", "PATCH /indexes/videos/settings", "POST /indexes/videos/documents", "POST /indexes/videos/documents"], writes);
        Assert.Equal("""{"uid":"videos","primaryKey":"id"}""", stub.Requests[0].Body!.ToJsonString());
        // Each 202 is followed by polls of its task until final: never a write on top of an unfinished settings task.
        Assert.Equal("GET /tasks/0", $"{stub.Requests[1].Method} {stub.Requests[1].Path}");
        var settingsBody = stub.Requests.Single(r => r.Method == "PATCH").Body!.AsObject();
        Assert.Equal(["title", "tags", "description"], Strings(settingsBody["searchableAttributes"]));
        Assert.Equal(["searchable", "tags", "ownerId", "duration", "publishedAt"], Strings(settingsBody["filterableAttributes"]));
        Assert.Equal(["publishedAt", "views"], Strings(settingsBody["sortableAttributes"]));
        Assert.Equal(["words", "typo", "proximity", "attribute", "sort", "exactness"], Strings(settingsBody["rankingRules"]));
        Assert.Equal("""{"enabled":true,"minWordSizeForTypos":{"oneTypo":5,"twoTypos":9}}""", settingsBody["typoTolerance"]!.ToJsonString());

        var batches = stub.Requests.Where(r => r.Path == "/indexes/videos/documents").Select(r => r.Body!.AsArray()).ToList();
        Assert.Equal([2, 1], batches.Select(b => b.Count));
        var first = batches[0][0]!.AsObject();
        Assert.Equal(["id", "version", "searchable", "title", "description", "tags", "ownerId", "duration", "publishedAt", "views"], first.Select(p => p.Key));
        Assert.Equal(Now.AddDays(-1).ToUnixTimeSeconds(), first["publishedAt"]!.GetValue<long>());
        Assert.Equal(3, stub.Index("videos")!.Documents.Count);
    }

    [Fact]
    public async Task Search_SendsFiltersSortFacetsAndHighlight_AndReadsTheReply()
    {
        await index.UpsertAsync(Library);
        var page = await index.SearchAsync(new SearchQuery
        {
            Text = "Kubernetes!", Tags = ["devops"], OwnerId = "bob", Duration = SearchDuration.Medium, PublishedAfter = Now.AddDays(-7),
            Sort = SearchSort.Newest, Limit = 5,
        });

        var body = stub.Requests.Last(r => r.Path == "/indexes/videos/search").Body!.AsObject();
        Assert.Equal("kubernetes", body["q"]!.GetValue<string>());
        Assert.Equal(["searchable = true", "tags = \"devops\"", "ownerId = \"bob\"", "duration >= 240", "duration < 1200",
            $"publishedAt >= {Now.AddDays(-7).ToUnixTimeSeconds()}"], Strings(body["filter"]));
        Assert.Equal(["publishedAt:desc"], Strings(body["sort"]));
        Assert.Equal(["tags"], Strings(body["facets"]));
        Assert.Equal(["title", "description"], Strings(body["attributesToHighlight"]));
        Assert.Equal(6, body["limit"]!.GetValue<int>());

        var hit = Assert.Single(page.Items);
        Assert.Equal("k8s-2", hit.VideoId);
        Assert.Equal("<mark>Kubernetes</mark> networking", hit.TitleHighlight);
        Assert.Equal([new TagCount("devops", 1), new TagCount("network", 1)], page.Facets);
        Assert.Equal(1, page.Total);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Search_PagesByOffset_WithoutDuplicatesOrGaps()
    {
        await index.UpsertAsync(Enumerable.Range(0, 7).Select(i => Doc($"ep-{i}", $"Episode {i}", [], "alice", 60, i)).ToList());
        var seen = new List<string>();
        SearchCursor? cursor = null;
        do
        {
            var page = await index.SearchAsync(new SearchQuery { Text = "episode", Sort = SearchSort.Newest, Limit = 3, After = cursor });
            seen.AddRange(page.Items.Select(h => h.VideoId));
            cursor = page.Next is null ? null : SearchCursor.TryDecode(page.Next.Encode(), SearchSort.Newest);
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"ep-{i}"), seen);
    }

    [Fact]
    public async Task RemoveAndViews_DeleteByBatchAndUpdatePartially()
    {
        await index.UpsertAsync(Library);
        await index.RemoveAsync("k8s-1", 4);
        await index.SetViewsAsync("pasta", 99);

        Assert.Equal("""["k8s-1"]""", stub.Requests.Single(r => r.Path.EndsWith("/delete-batch", StringComparison.Ordinal)).Body!.ToJsonString());
        var update = stub.Requests.Single(r => r.Method == "PUT");
        Assert.Equal("""[{"id":"pasta","views":99}]""", update.Body!.ToJsonString());
        Assert.False(stub.Index("videos")!.Documents.ContainsKey("k8s-1"));
        Assert.Equal(99, stub.Index("videos")!.Documents["pasta"]["views"]!.GetValue<long>());
        Assert.Equal(["pasta"], (await index.SearchAsync(new SearchQuery { Text = "cooking" })).Items.Select(h => h.VideoId));
    }

    [Fact]
    public async Task FailedTask_SurfacesItsErrorCode()
    {
        await index.UpsertAsync(Library);
        stub.FailNextWrite = "invalid_document_id";
        var failed = await Assert.ThrowsAsync<MeilisearchException>(() => index.UpsertAsync([Library[0]]));
        Assert.Equal("invalid_document_id", failed.Code);

        stub.RefuseNextPayload = true;
        var tooLarge = await Assert.ThrowsAsync<MeilisearchException>(() => index.UpsertAsync([Library[0]]));
        Assert.Equal(("payload_too_large", 413), (tooLarge.Code, tooLarge.Status));
    }

    [Fact]
    public async Task Errors_AuthUnknownIndexAndBadFilter_AreReadFromTheErrorShape()
    {
        using var other = stub.NewClient();
        var stranger = new MeilisearchClient(other, new MeilisearchSettings { Url = "http://meili.test", ApiKey = "wrong-key" }, TimeProvider.System);
        var denied = await Assert.ThrowsAsync<MeilisearchException>(() => stranger.SearchAsync("videos", new MeiliSearchRequest { Limit = 1 }, CancellationToken.None));
        Assert.Equal(("invalid_api_key", 403), (denied.Code, denied.Status));

        var missing = await Assert.ThrowsAsync<MeilisearchException>(() => client.SearchAsync("videos", new MeiliSearchRequest { Limit = 1 }, CancellationToken.None));
        Assert.Equal(("index_not_found", 404), (missing.Code, missing.Status));

        await index.UpsertAsync(Library);
        var filter = await Assert.ThrowsAsync<MeilisearchException>(() =>
            client.SearchAsync("videos", new MeiliSearchRequest { Limit = 1, Filter = ["secret = 1"] }, CancellationToken.None));
        Assert.Equal("invalid_search_filter", filter.Code);
    }

    private static List<string> Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
