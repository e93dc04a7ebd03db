using System.Data;
using Npgsql;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Postgres;

/// <summary>
/// Runs the stored query texts the way the providers do (named parameters, DbType-typed values) to pin the
/// traps a running cluster rarely hits: half-applied membership changes and zero-row "boolean" results.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrleansQueryContractTests(PostgresFixture postgres)
{
    [Fact]
    public async Task InsertMembership_StaleVersionOrDuplicateRow_ReturnsZeroAndChangesNothing()
    {
        await using var db = await MigratedAsync();
        Assert.Equal(1, await ScalarAsync(db, "InsertMembershipVersionKey", ("DeploymentId", "c1")));
        Assert.Equal(0, await ScalarAsync(db, "InsertMembershipVersionKey", ("DeploymentId", "c1")));

        Assert.Equal(1, await ScalarAsync(db, "InsertMembershipKey", MemberRow(generation: 1, version: 0)));
        Assert.Equal(0, await ScalarAsync(db, "InsertMembershipKey", MemberRow(generation: 2, version: 0)));
        Assert.Equal(0, await ScalarAsync(db, "InsertMembershipKey", MemberRow(generation: 1, version: 1)));

        // Only the first insert landed and bumped the table version.
        Assert.Equal(1, await RawScalarAsync(db, "SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = 'c1'"));
        Assert.Equal(1, await RawScalarAsync(db, "SELECT count(*)::integer FROM OrleansMembershipTable"));
    }

    [Fact]
    public async Task MembershipReadAll_NoSilos_StillReturnsTheVersionRow()
    {
        await using var db = await MigratedAsync();
        await ScalarAsync(db, "InsertMembershipVersionKey", ("DeploymentId", "empty"));

        await using var command = await CommandAsync(db, "MembershipReadAllKey", ("DeploymentId", "empty"));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.IsDBNullAsync(reader.GetOrdinal("StartTime")));
        Assert.Equal(0, reader.GetInt32(reader.GetOrdinal("Version")));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task DeleteReminderRow_StaleVersion_ReturnsOneRowWithZero()
    {
        await using var db = await MigratedAsync();
        (string, object)[] reminder = [("ServiceId", "s"), ("GrainId", "g/1"), ("ReminderName", "r")];
        (string, object)[] upsert = [.. reminder, ("StartTime", TimeProvider.System.GetUtcNow().UtcDateTime), ("Period", 60_000), ("GrainHash", -5)];
        Assert.Equal(0, await ScalarAsync(db, "UpsertReminderRowKey", upsert));
        Assert.Equal(1, await ScalarAsync(db, "UpsertReminderRowKey", upsert));

        Assert.Equal(0, await ScalarAsync(db, "DeleteReminderRowKey", [.. reminder, ("Version", 0)]));
        Assert.Equal(1, await ScalarAsync(db, "DeleteReminderRowKey", [.. reminder, ("Version", 1)]));
    }

    private static (string, object)[] MemberRow(int generation, int version) =>
    [
        ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", generation),
        ("SiloName", "silo"), ("HostName", "host"), ("Status", 1), ("ProxyPort", 30000),
        ("StartTime", TimeProvider.System.GetUtcNow().UtcDateTime), ("IAmAliveTime", TimeProvider.System.GetUtcNow().UtcDateTime),
        ("Version", version),
    ];

    private async Task<NpgsqlDataSource> MigratedAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new PostgresMigrator(dataSource).MigrateAsync();
        return dataSource;
    }

    private static async Task<NpgsqlCommand> CommandAsync(NpgsqlDataSource db, string key, params (string Name, object Value)[] parameters)
    {
        await using var lookup = db.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1");
        lookup.Parameters.AddWithValue(key);
        var command = db.CreateCommand((string)(await lookup.ExecuteScalarAsync())!);
        foreach (var (name, value) in parameters)
        {
            // The providers type parameters by DbType (DateTime -> timestamptz, string -> text), not by NpgsqlDbType.
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            parameter.DbType = value switch { DateTime => DbType.DateTime, int => DbType.Int32, _ => DbType.String };
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<int> ScalarAsync(NpgsqlDataSource db, string key, params (string Name, object Value)[] parameters)
    {
        await using var command = await CommandAsync(db, key, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> RawScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
