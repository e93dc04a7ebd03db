using Npgsql;

namespace VideoPlatform.ProcessHosts;

/// <summary>Reads Orleans' membership rows (OrleansMembershipTable) straight from PostgreSQL.</summary>
public static class MembershipTable
{
    /// <summary>Orleans' SiloStatus value for a silo the cluster has declared dead.</summary>
    public const int Dead = 6;

    /// <summary>The status of the newest generation on each silo port.</summary>
    public static async Task<Dictionary<int, int>> StatusByPortAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT ON (port) port, status FROM orleansmembershiptable ORDER BY port, generation DESC", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new Dictionary<int, int>();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return statuses;
    }
}
