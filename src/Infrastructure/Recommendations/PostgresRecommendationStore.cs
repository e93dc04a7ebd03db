using System.Runtime.CompilerServices;
using Npgsql;
using VideoPlatform.Grains.Recommendations;

namespace VideoPlatform.Infrastructure.Recommendations;

/// <summary>Co-watch edges in <c>vp_rec_cowatch</c>, content documents in <c>vp_rec_documents</c> (migration 0009).</summary>
public sealed class PostgresRecommendationStore(NpgsqlDataSource dataSource) : IRecommendationStore
{
    public async Task ReplaceEdgesAsync(string fromId, IReadOnlyList<CoWatchEdge> edges, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM vp_rec_cowatch WHERE from_id = @from AND NOT (to_id = ANY(@to))", connection, transaction))
        {
            delete.Parameters.AddWithValue("from", fromId);
            delete.Parameters.AddWithValue("to", edges.Select(e => e.ToId).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO vp_rec_cowatch (from_id, to_id, weight, at)
            SELECT @from, t.to_id, t.weight, t.at FROM unnest(@to, @weight, @at) AS t(to_id, weight, at)
            ON CONFLICT (from_id, to_id) DO UPDATE SET weight = excluded.weight, at = excluded.at
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("from", fromId);
            upsert.Parameters.AddWithValue("to", edges.Select(e => e.ToId).ToArray());
            upsert.Parameters.AddWithValue("weight", edges.Select(e => e.Weight).ToArray());
            upsert.Parameters.AddWithValue("at", edges.Select(e => e.At.ToUniversalTime()).ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CoWatchEdge>> ReadEdgesAsync(string fromId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT to_id, weight, at FROM vp_rec_cowatch WHERE from_id = @from ORDER BY weight DESC LIMIT @limit");
        command.Parameters.AddWithValue("from", fromId);
        command.Parameters.AddWithValue("limit", limit);
        var edges = new List<CoWatchEdge>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            edges.Add(new CoWatchEdge(fromId, reader.GetString(0), reader.GetDouble(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return edges;
    }

    public async Task<IReadOnlyList<string>> ReadSourcesAsync(string toId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT from_id FROM vp_rec_cowatch WHERE to_id = @to ORDER BY weight DESC LIMIT @limit");
        command.Parameters.AddWithValue("to", toId);
        command.Parameters.AddWithValue("limit", limit);
        var sources = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(reader.GetString(0));
        }

        return sources;
    }

    public async Task UpsertDocumentAsync(ContentDocument document, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO vp_rec_documents (video_id, owner_id, terms, counts, created_at, version)
            VALUES (@id, @owner, @terms, @counts, @created, @version)
            ON CONFLICT (video_id) DO UPDATE SET owner_id = excluded.owner_id, terms = excluded.terms, counts = excluded.counts,
                created_at = excluded.created_at, version = excluded.version
            WHERE vp_rec_documents.version <= excluded.version
            """);
        command.Parameters.AddWithValue("id", document.VideoId);
        command.Parameters.AddWithValue("owner", (object?)document.OwnerId ?? DBNull.Value);
        command.Parameters.AddWithValue("terms", document.Terms.ToArray());
        command.Parameters.AddWithValue("counts", document.Counts.ToArray());
        command.Parameters.AddWithValue("created", document.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("version", document.Version);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveVideoAsync(string videoId, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM vp_rec_documents WHERE video_id = @id") { Parameters = { new("id", videoId) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM vp_rec_cowatch WHERE from_id = @id OR to_id = @id") { Parameters = { new("id", videoId) } });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ContentDocument> ReadDocumentsAsync(int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT video_id, owner_id, terms, counts, created_at, version FROM vp_rec_documents ORDER BY created_at DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ContentDocument
            {
                VideoId = reader.GetString(0),
                OwnerId = reader.IsDBNull(1) ? null : reader.GetString(1),
                Terms = reader.GetFieldValue<string[]>(2),
                Counts = reader.GetFieldValue<int[]>(3),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                Version = reader.GetInt64(5),
            };
        }
    }
}
