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
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
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
}
