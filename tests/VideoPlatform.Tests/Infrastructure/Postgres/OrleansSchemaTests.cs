using Npgsql;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrleansSchemaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrations_OrleansQuery_HoldsExactlyTheProviderKeys()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new PostgresMigrator(dataSource).MigrateAsync();

        // The literal text the providers run at startup: unquoted names must resolve.
        await using var command = dataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
            Assert.False(string.IsNullOrWhiteSpace(reader.GetString(1)));
        }

        Assert.Equal(OrleansQueryKeys.All.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Storage_SameIdentityWithNullExtension_IsRejectedAsDuplicate()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new PostgresMigrator(dataSource).MigrateAsync();
        const string insert = """
            INSERT INTO OrleansStorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, serviceid, version)
            VALUES (1, 2, 3, 4, 'state', 'svc', 1)
            """;
        await using (var first = dataSource.CreateCommand(insert))
        {
            await first.ExecuteNonQueryAsync();
        }

        // NULLS NOT DISTINCT: two first-writes of one grain cannot both land.
        await using var second = dataSource.CreateCommand(insert);
        var error = await Assert.ThrowsAsync<PostgresException>(() => second.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }
}
