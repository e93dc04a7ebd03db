using VideoPlatform.Grains.Search;

namespace VideoPlatform.Tests.Infrastructure.Search;

/// <summary>
/// What every search provider must do, run against each one (in memory, PostgreSQL): relevance, typo tolerance,
/// prefixes, versioned writes, filters, sorts, paging and hostile query text.
/// </summary>
public abstract class SearchIndexContract
{
    protected static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<ISearchIndex> CreateAsync();

    private static SearchDocument Doc(string id, string title, string description = "", string[]? tags = null, string owner = "alice",
        double seconds = 600, int daysAgo = 1, long views = 0, long version = 1) => new()
    {
        Id = id, Title = title, Description = description, Tags = tags ?? [], OwnerId = owner, DurationSeconds = seconds,
        PublishedAt = Now.AddDays(-daysAgo), Views = views, Version = version,
    };

    private static readonly SearchDocument[] Library =
    [
        Doc("k8s", "Kubernetes in production", "Running clusters for real", ["devops"], "alice", 600, 2, 50),
        Doc("tx", "Transcoding video with FFmpeg", "Encoding ladders for HLS", ["video", "ffmpeg"], "bob", 120, 10, 500),
        Doc("exact", "Cooking pasta", "A quick dinner", ["food"], "alice", 1800, 40, 5),
        Doc("master", "Pasta cooking: pasta cooking masterclass", "Cooking pasta like a chef", ["food"], "bob", 900, 3, 20),
        Doc("desc", "Italian dinner ideas", "We make pasta from scratch", ["food", "italian"], "carol", 300, 400, 10),
    ];

    private async Task<ISearchIndex> LibraryAsync()
    {
        var index = await CreateAsync();
        await index.UpsertAsync(Library);
        return index;
    }

    private static async Task<List<string>> IdsAsync(ISearchIndex index, SearchQuery query) =>
        (await index.SearchAsync(query)).Items.Select(h => h.VideoId).ToList();

    private static Task<List<string>> IdsAsync(ISearchIndex index, string text) => IdsAsync(index, new SearchQuery { Text = text });

    [Fact]
    public async Task Search_ExactTitle_RanksFirst()
    {
        var index = await LibraryAsync();
        var ids = await IdsAsync(index, "cooking pasta");
        Assert.Equal("exact", ids[0]);
        Assert.Contains("master", ids);
    }

    [Fact]
    public async Task Search_Misspelled_FindsTheWord()
    {
        var index = await LibraryAsync();
        var page = await index.SearchAsync(new SearchQuery { Text = "transcdoing" });
        Assert.Equal("tx", Assert.Single(page.Items).VideoId);
        Assert.Contains("<mark>Transcoding</mark>", page.Items[0].TitleHighlight, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Prefix_FindsTheWholeWord()
    {
        var index = await LibraryAsync();
        Assert.Equal(["k8s"], await IdsAsync(index, "kub"));
        Assert.Contains("Kubernetes in production", await index.SuggestAsync("kub", 8));
    }

    [Fact]
    public async Task Search_WordInTitle_RanksAboveWordOnlyInDescription()
    {
        var index = await LibraryAsync();
        var ids = await IdsAsync(index, "pasta");
        Assert.Equal(3, ids.Count);
        Assert.True(ids.IndexOf("exact") < ids.IndexOf("desc") && ids.IndexOf("master") < ids.IndexOf("desc"), string.Join(",", ids));
    }

    [Fact]
    public async Task Upsert_EditedTitle_FoundByNewWordsOnly_AndAnOlderVersionNeverWins()
    {
        var index = await LibraryAsync();
        await index.UpsertAsync([Doc("k8s", "Container orchestration", version: 2)]);
        Assert.Equal(["k8s"], await IdsAsync(index, "orchestration"));
        Assert.Empty(await IdsAsync(index, "kubernetes"));

        await index.UpsertAsync([Library[0]]);
        Assert.Empty(await IdsAsync(index, "kubernetes"));
        Assert.Equal(["k8s"], await IdsAsync(index, "orchestration"));
    }

    [Fact]
    public async Task Remove_Disappears_AndALateOlderUpsertDoesNotBringItBack()
    {
        var index = await LibraryAsync();
        await index.RemoveAsync("k8s", 3);
        Assert.Empty(await IdsAsync(index, "kubernetes"));
        await index.UpsertAsync([Library[0] with { Version = 2 }]);
        Assert.Empty(await IdsAsync(index, "kubernetes"));
        await index.UpsertAsync([Library[0] with { Version = 4 }]);
        Assert.Equal(["k8s"], await IdsAsync(index, "kubernetes"));
    }

    [Fact]
    public async Task Search_Filters_KeepOnlyMatches()
    {
        var index = await LibraryAsync();
        Assert.Equal(["desc", "exact", "master"], (await IdsAsync(index, new SearchQuery { Tags = ["food"] })).Order());
        Assert.Equal(["desc"], await IdsAsync(index, new SearchQuery { Tags = ["food", "italian"] }));
        Assert.Equal(["exact", "k8s"], (await IdsAsync(index, new SearchQuery { OwnerId = "alice" })).Order());
        Assert.Equal(["tx"], await IdsAsync(index, new SearchQuery { Duration = SearchDuration.Short }));
        Assert.Equal(["desc", "k8s", "master"], (await IdsAsync(index, new SearchQuery { Duration = SearchDuration.Medium })).Order());
        Assert.Equal(["exact"], await IdsAsync(index, new SearchQuery { Duration = SearchDuration.Long }));
        Assert.Equal(["k8s", "master"], (await IdsAsync(index, new SearchQuery { PublishedAfter = Now.AddDays(-7) })).Order());
        Assert.Equal(["master"], await IdsAsync(index, new SearchQuery { Text = "pasta", OwnerId = "bob" }));
    }

    [Fact]
    public async Task Search_Sorts_NewestAndViews()
    {
        var index = await LibraryAsync();
        Assert.Equal(["k8s", "master", "tx", "exact", "desc"], await IdsAsync(index, new SearchQuery { Sort = SearchSort.Newest }));
        Assert.Equal(["tx", "k8s", "master", "desc", "exact"], await IdsAsync(index, new SearchQuery { Sort = SearchSort.Views }));
        await index.SetViewsAsync("exact", 10_000);
        await index.SetViewsAsync("tx", 1);
        Assert.Equal(["exact", "master", "desc"], await IdsAsync(index, new SearchQuery { Text = "pasta", Sort = SearchSort.Views }));
        Assert.Equal("tx", (await IdsAsync(index, new SearchQuery { Sort = SearchSort.Views }))[1]);
    }

    [Fact]
    public async Task Search_Facets_CountTagsOfAllMatches()
    {
        var index = await LibraryAsync();
        var page = await index.SearchAsync(new SearchQuery { Text = "pasta", Limit = 1 });
        Assert.Equal(3, page.Total);
        Assert.Contains(new TagCount("food", 3), page.Facets);
        Assert.Contains(new TagCount("italian", 1), page.Facets);
        Assert.Equal("food", page.Facets[0].Tag);
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.Newest)]
    [InlineData(SearchSort.Views)]
    public async Task Search_Cursor_PagesWithoutDuplicatesOrGaps(SearchSort sort)
    {
        var index = await CreateAsync();
        // Ties on purpose: equal titles, times and view counts fall back to the id.
        var series = Enumerable.Range(0, 45).Select(i => Doc($"ep{i:00}", i % 3 == 0 ? "Series episode" : $"Series episode {i}",
            daysAgo: i % 4, views: i % 5)).ToList();
        await index.UpsertAsync(series);
        var seen = new List<string>();
        SearchCursor? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await index.SearchAsync(new SearchQuery { Text = "episode", Sort = sort, Limit = 10, After = cursor });
            seen.AddRange(page.Items.Select(h => h.VideoId));
            cursor = page.Next is null ? null : SearchCursor.TryDecode(page.Next.Encode(), sort);
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(45, seen.Count);
        Assert.Equal(series.Select(s => s.Id).Order(), seen.Order());
    }

    [Theory]
    [InlineData("&|!():*'\\", 5)]
    [InlineData("kubernetes & | !", 1)]
    [InlineData("kub:*", 1)]
    [InlineData("(kubernetes", 1)]
    [InlineData("'; DROP TABLE vp_search_documents; --", 0)]
    [InlineData("<script>kubernetes</script>", 0)]
    public async Task Search_Metacharacters_AreNotSyntax(string text, int expected)
    {
        var index = await LibraryAsync();
        Assert.Equal(expected, (await index.SearchAsync(new SearchQuery { Text = text })).Items.Count);
        Assert.True((await index.SuggestAsync(text, 8)).Count <= 1);
        Assert.Equal(5, (await index.SearchAsync(new SearchQuery())).Total);
    }

    [Fact]
    public async Task Search_ThousandCharacterQuery_Answers()
    {
        var index = await LibraryAsync();
        var text = string.Concat(Enumerable.Repeat("kubernetes ", 91));
        var page = await index.SearchAsync(new SearchQuery { Text = text[..1000] });
        Assert.Equal(["k8s"], page.Items.Select(h => h.VideoId));
    }

    [Fact]
    public async Task Search_Highlight_EscapesTheTextAndMarksOnlyMatches()
    {
        var index = await CreateAsync();
        await index.UpsertAsync([Doc("html", "<b>Bold</b> kubernetes & friends", "Learn kubernetes <script>alert(1)</script> today")]);
        var hit = Assert.Single((await index.SearchAsync(new SearchQuery { Text = "kubernetes" })).Items);
        Assert.Equal("&lt;b&gt;Bold&lt;/b&gt; <mark>kubernetes</mark> &amp; friends", hit.TitleHighlight);
        Assert.Contains("<mark>kubernetes</mark>", hit.DescriptionHighlight, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", hit.DescriptionHighlight, StringComparison.Ordinal);
    }
}
