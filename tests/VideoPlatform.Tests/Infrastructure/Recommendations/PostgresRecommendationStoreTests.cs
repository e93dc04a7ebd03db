using Npgsql;
using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Infrastructure.Recommendations;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Recommendations;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresRecommendationStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ContentDocument Doc(string id, long version, params string[] terms) => new()
    {
        VideoId = id, OwnerId = "owner", Terms = terms, Counts = terms.Select(_ => 2).ToArray(), CreatedAt = At.AddMinutes(version), Version = version,
    };

    [Fact]
    public async Task Edges_ReplacedWhole_StrongestFirst_AndRemovedWithTheirVideo()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new PostgresMigrator(dataSource).MigrateAsync();
        IRecommendationStore store = new PostgresRecommendationStore(dataSource);

        await store.ReplaceEdgesAsync("a", [new("a", "b", 1, At), new("a", "c", 3, At), new("a", "d", 2, At)]);
        await store.ReplaceEdgesAsync("a", [new("a", "c", 4, At), new("a", "d", 2, At)]);
        await store.ReplaceEdgesAsync("x", [new("x", "c", 1, At)]);

        Assert.Equal([("c", 4.0), ("d", 2.0)], (await store.ReadEdgesAsync("a", 10)).Select(e => (e.ToId, e.Weight)));
        Assert.Equal(["c"], (await store.ReadEdgesAsync("a", 1)).Select(e => e.ToId));
        Assert.Equal(["a", "x"], (await store.ReadSourcesAsync("c", 10)).Order());

        await store.RemoveVideoAsync("c");

        Assert.Equal(["d"], (await store.ReadEdgesAsync("a", 10)).Select(e => e.ToId));
        Assert.Empty(await store.ReadSourcesAsync("c", 10));
    }

    [Fact]
    public async Task Documents_NewerVersionWins_NewestFirst_AndRemoved()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new PostgresMigrator(dataSource).MigrateAsync();
        IRecommendationStore store = new PostgresRecommendationStore(dataSource);

        await store.UpsertDocumentAsync(Doc("v1", 2, "kubernetes", "helm"));
        await store.UpsertDocumentAsync(Doc("v1", 1, "stale"));
        await store.UpsertDocumentAsync(Doc("v2", 3, "pasta"));

        var documents = await store.ReadDocumentsAsync(10).ToListAsync();
        Assert.Equal(["v2", "v1"], documents.Select(d => d.VideoId));
        Assert.Equal(["kubernetes", "helm"], documents[1].Terms);
        Assert.Equal([2, 2], documents[1].Counts);

        await store.RemoveVideoAsync("v2");

        Assert.Equal(["v1"], (await store.ReadDocumentsAsync(10).ToListAsync()).Select(d => d.VideoId));
    }
}
