using Npgsql;
using VideoPlatform.Grains.Search;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Infrastructure.Search;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Search;

/// <summary>The PostgreSQL provider (migration 0008, full text + trigrams) against the search contract.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresSearchIndexTests(PostgresFixture postgres) : SearchIndexContract, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> sources = [];

    protected override async Task<ISearchIndex> CreateAsync()
    {
        // The provider's own data source, so the contract also runs over prepared statements.
        var dataSource = PostgresSearchIndex.CreateDataSource(await postgres.CreateDatabaseAsync());
        sources.Add(dataSource);
        await new PostgresMigrator(dataSource).MigrateAsync();
        return new PostgresSearchIndex(dataSource);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var source in sources)
        {
            await source.DisposeAsync();
        }
    }

    [Fact]
    public async Task Search_EnglishStem_MatchesOtherFormsOfTheWord()
    {
        var index = await CreateAsync();
        await index.UpsertAsync([new SearchDocument { Id = "run", Title = "Running a marathon", Version = 1 }]);
        Assert.Single((await index.SearchAsync(new SearchQuery { Text = "runs marathons" })).Items);
    }

    [Fact]
    public async Task Search_MoreMatchesThanCandidates_TotalIsALowerBound()
    {
        var index = await CreateAsync();
        await index.UpsertAsync(Docs(PostgresSearchIndex.Candidates + 30, i => $"Garden tour {i}", i => "", i => i));
        await index.UpsertAsync(Docs(40, i => $"Orchard walk {i}", i => "", i => i, "orchard"));

        var many = await index.SearchAsync(new SearchQuery { Text = "garden" });
        Assert.Equal((PostgresSearchIndex.Candidates, true), (many.Total, many.TotalAtLeast));
        var newest = await index.SearchAsync(new SearchQuery { Text = "garden", Sort = SearchSort.Newest });
        Assert.Equal((PostgresSearchIndex.Candidates, true), (newest.Total, newest.TotalAtLeast));
        var few = await index.SearchAsync(new SearchQuery { Text = "orchard" });
        Assert.Equal((40, false), (few.Total, few.TotalAtLeast));
    }

    [Fact]
    public async Task Search_ManyPopularMatches_UnwatchedTitleMatchesStillRankFirst()
    {
        var index = await CreateAsync();
        // More popular videos with the word in their description than the candidate lists hold.
        await index.UpsertAsync(Docs(PostgresSearchIndex.Candidates * 2, i => $"Evening news {i}", i => "a long lecture on origami", i => 1_000 + i));
        await index.UpsertAsync([
            new SearchDocument { Id = "exact", Title = "Origami", Version = 1 },
            new SearchDocument { Id = "title", Title = "Origami for beginners", Version = 1 },
        ]);

        var ids = (await index.SearchAsync(new SearchQuery { Text = "origami" })).Items.Select(h => h.VideoId).ToList();
        Assert.Equal(["exact", "title"], ids.Take(2));
        Assert.Equal(20, ids.Count);
    }

    [Fact]
    public async Task Search_ViewsRaised_UnwatchedVideoBecomesACandidate()
    {
        var index = await CreateAsync();
        // More popular title matches than the candidates hold: an unwatched one is not among them until it is watched.
        await index.UpsertAsync(Docs(PostgresSearchIndex.Candidates + 30, i => $"Garden tour {i}", i => "", i => 1_000 + i));
        await index.UpsertAsync([new SearchDocument { Id = "late", Title = "Garden tour late", Version = 1 }]);
        Assert.DoesNotContain("late", await AllPagesAsync(index, "garden"));

        await index.SetViewsAsync("late", 1_000_000);
        Assert.Contains("late", await AllPagesAsync(index, "garden"));
    }

    [Fact]
    public async Task Search_MisspelledOverSeveralPages_LaterPagesStayTypoTolerant()
    {
        var index = await CreateAsync();
        await index.UpsertAsync(Docs(25, i => $"Transcoding lesson {i}", i => "", i => i));

        var ids = await AllPagesAsync(index, "transcdoing", limit: 10);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"doc{i:000}").Order(), ids.Order());
    }

    private static async Task<List<string>> AllPagesAsync(ISearchIndex index, string text, int limit = 20)
    {
        var ids = new List<string>();
        SearchCursor? cursor = null;
        do
        {
            var page = await index.SearchAsync(new SearchQuery { Text = text, Limit = limit, After = cursor });
            ids.AddRange(page.Items.Select(h => h.VideoId));
            cursor = page.Next is null ? null : SearchCursor.TryDecode(page.Next.Encode(), SearchSort.Relevance);
        }
        while (cursor is not null && ids.Count < 1_000);

        return ids;
    }

    private static List<SearchDocument> Docs(int count, Func<int, string> title, Func<int, string> description, Func<int, long> views, string prefix = "doc") =>
        [.. Enumerable.Range(0, count).Select(i => new SearchDocument
        {
            Id = $"{prefix}{i:000}", Title = title(i), Description = description(i), Views = views(i), Version = 1,
            PublishedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        })];
}
