using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace VideoPlatform.Infrastructure.Postgres;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, each once, each in its own
/// transaction, recorded in <c>vp_schema_migrations</c>. A session-level advisory lock serialises hosts
/// that start at the same moment, so the second one waits and then finds nothing left to do.
/// </summary>
public sealed class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator>? logger = null)
{
    /// <summary>Arbitrary constant shared by every host: the advisory lock id of the migrator.</summary>
    private const long LockId = 0x5650_6d69_6772;

    private readonly ILogger logger = logger ?? NullLogger<PostgresMigrator>.Instance;

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>Applies what is missing; returns the names it applied (empty when up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@id)", cancellationToken, ("id", LockId));
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS vp_schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var done = new List<string>();
            foreach (var migration in Embedded)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Name} was changed after it was applied (checksum {checksum} in the database); add a new migration instead");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO vp_schema_migrations(version, name, checksum) VALUES (@v, @n, @c)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("n", migration.Name);
                    record.Parameters.AddWithValue("c", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Migration}", migration.Name);
                done.Add(migration.Name);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@id)", CancellationToken.None, ("id", LockId));
        }
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM vp_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetInt32(0)] = reader.GetString(1);
        }

        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(PostgresMigrator).Assembly;
        const string marker = ".Postgres.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^4]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static Migration Load(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded migration {resource}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore < 1 || !int.TryParse(name.AsSpan(0, underscore), out var version))
        {
            throw new InvalidOperationException($"Migration '{name}' must be named NNNN_description.sql");
        }

        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new Migration(version, name, sql, checksum);
    }
}

public sealed record Migration(int Version, string Name, string Sql, string Checksum);
