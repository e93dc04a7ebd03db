using Npgsql;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Catalog;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Catalog;

/// <summary>The feed's one query: the newest matching videos of a set of owners, merged by PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFeedQueryTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListByOwners_SeveralOwners_NewestMatchingFirstWithinTheLimit()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new PostgresMigrator(dataSource).MigrateAsync();
        IVideoCatalog catalog = new PostgresVideoCatalog(dataSource);
        var minute = 0;
        async Task AddAsync(string id, string owner, VideoStatus status = VideoStatus.Ready, Visibility visibility = Visibility.Public) =>
            await catalog.UpsertAsync(new VideoCatalogEntry
            {
                Id = id, OwnerId = owner, Status = status, Visibility = visibility, Title = id, CreatedAt = Start.AddMinutes(minute++), Version = 1,
            });
        await AddAsync("a1", "alice");
        await AddAsync("b1", "bob");
        await AddAsync("c1", "carol");
        await AddAsync("a2", "alice", visibility: Visibility.Private);
        await AddAsync("b2", "bob", status: VideoStatus.Processing);
        await AddAsync("a3", "alice");
        await AddAsync("b3", "bob");

        var filter = new CatalogQuery { Status = VideoStatus.Ready, Visibilities = [Visibility.Public] };
        var all = await catalog.ListByOwnersAsync(["alice", "bob"], filter, 10);
        var two = await catalog.ListByOwnersAsync(["alice", "bob"], filter, 2);
        var none = await catalog.ListByOwnersAsync([], filter, 10);

        Assert.Equal(["b3", "a3", "b1", "a1"], all.Select(e => e.Id));
        Assert.Equal(["b3", "a3"], two.Select(e => e.Id));
        Assert.Empty(none);
    }
}
