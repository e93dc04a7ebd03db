using Npgsql;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresMigratorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task MigrateAsync_RunTwice_SecondRunAppliesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var migrator = new PostgresMigrator(dataSource);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(PostgresMigrator.Embedded.Select(m => m.Name), first);
        Assert.Empty(second);
        Assert.Equal(PostgresMigrator.Embedded.Select(m => m.Version), await AppliedVersionsAsync(dataSource));
    }

    [Fact]
    public async Task MigrateAsync_TwoMigratorsAtOnce_SchemaAppliedExactlyOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        var results = await Task.WhenAll(
            Task.Run(() => new PostgresMigrator(first).MigrateAsync()),
            Task.Run(() => new PostgresMigrator(second).MigrateAsync()));

        // The advisory lock makes one of them apply everything and the other find nothing left.
        Assert.Equal(PostgresMigrator.Embedded.Count, results.Sum(r => r.Count));
        Assert.Contains(results, r => r.Count == 0);
        Assert.Equal(PostgresMigrator.Embedded.Select(m => m.Version), await AppliedVersionsAsync(first));
    }

    [Fact]
    public async Task EmbeddedScripts_RunAgainOverExistingObjects_Succeed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new PostgresMigrator(dataSource).MigrateAsync();

        // A database prepared by hand (or by an older script set) must not break a migration.
        foreach (var migration in PostgresMigrator.Embedded)
        {
            await using var command = dataSource.CreateCommand(migration.Sql);
            await command.ExecuteNonQueryAsync();
        }

        await using var count = dataSource.CreateCommand("SELECT count(*) FROM OrleansQuery");
        Assert.Equal(OrleansQueryKeys.All.Count, Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<List<int>> AppliedVersionsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM vp_schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
