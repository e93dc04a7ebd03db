using Npgsql;
using NpgsqlTypes;
using VideoPlatform.Grains.Search;

namespace VideoPlatform.Infrastructure.Search;

/// <summary>
/// The search index in PostgreSQL (<c>vp_search_documents</c>, migration 0008): weighted full text over the
/// <c>simple</c> and <c>english</c> configurations, prefix matching on the last word, and typo tolerance through the
/// trigram-indexed vocabulary (<c>vp_search_words</c>). Writes are version-guarded, so replays are harmless.
/// </summary>
public sealed partial class PostgresSearchIndex(NpgsqlDataSource dataSource) : ISearchIndex
{
    /// <summary>
    /// A data source whose connections prepare the statements they run repeatedly: a search statement's text depends
    /// only on its sort and filters, and planning it anew cost 1-2 ms of a query's 5-7 (docs/search.md).
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        return builder.Build();
    }

    public async Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var held = await HeldAsync(connection, transaction, documents.Select(d => d.Id), cancellationToken);
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var d in documents)
        {
            var words = SearchText.Vocabulary(d);
            Count(changes, words, 0);
            if (held.TryGetValue(d.Id, out var old))
            {
                if (old.Version > d.Version)
                {
                    continue;
                }

                Count(changes, old.Words, -1);
            }

            Count(changes, words, 1);
            held[d.Id] = (d.Version, words);
            var command = new NpgsqlBatchCommand("""
                INSERT INTO vp_search_documents (id, version, searchable, title, description, tags, tags_text, owner_id, duration_seconds, published_at, views)
                VALUES ($1, $2, true, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, searchable = true, title = excluded.title,
                    description = excluded.description, tags = excluded.tags, tags_text = excluded.tags_text, owner_id = excluded.owner_id,
                    duration_seconds = excluded.duration_seconds, published_at = excluded.published_at,
                    views = GREATEST(vp_search_documents.views, excluded.views)
                WHERE vp_search_documents.version <= excluded.version
                """);
            command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = d.Id });
            command.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = d.Version });
            command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = d.Title });
            command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = d.Description });
            command.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = [.. d.Tags] });
            command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = string.Join(' ', d.Tags) });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)d.OwnerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<double>() { TypedValue = d.DurationSeconds });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>() { TypedValue = d.PublishedAt.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = d.Views });
            batch.BatchCommands.Add(command);
        }

        batch.BatchCommands.Add(CountWords(changes));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemoveAsync(string videoId, long version, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var held = await HeldAsync(connection, transaction, [videoId], cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var command = new NpgsqlBatchCommand("""
            INSERT INTO vp_search_documents (id, version, searchable, published_at) VALUES ($1, $2, false, now())
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, searchable = false, title = '', description = '',
                tags = '{}', tags_text = ''
            WHERE vp_search_documents.version <= excluded.version
            """);
        command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = videoId });
        command.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = version });
        batch.BatchCommands.Add(command);
        if (held.TryGetValue(videoId, out var old) && old.Version <= version && old.Words.Count > 0)
        {
            var changes = new Dictionary<string, int>(StringComparer.Ordinal);
            Count(changes, old.Words, -1);
            batch.BatchCommands.Add(CountWords(changes));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetViewsAsync(string videoId, long views, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE vp_search_documents SET views = $2 WHERE id = $1 AND views < $2");
        command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = videoId });
        command.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = views });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
