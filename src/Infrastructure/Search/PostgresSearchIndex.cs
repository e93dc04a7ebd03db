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
    /// A data source whose connections prepare the statements they run repeatedly, each planned once (a generic plan):
    /// a search statement's text depends only on its sort and filters, its plan does not depend on how frequent the
    /// words are, and planning it anew cost 1-2 ms of a query's 5-7 (docs/search.md).
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c plan_cache_mode=force_generic_plan".Trim();
        return builder.Build();
    }

    public async Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0)
        {
            return;
        }

        await using var batch = dataSource.CreateBatch();
        foreach (var d in documents)
        {
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

        // Sorted, so concurrent writers take the vocabulary's row locks in one order (no deadlock).
        var words = documents.SelectMany(SearchText.Vocabulary).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var vocabulary = new NpgsqlBatchCommand("INSERT INTO vp_search_words (word) SELECT unnest($1) ORDER BY 1 ON CONFLICT DO NOTHING");
        vocabulary.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = words });
        batch.BatchCommands.Add(vocabulary);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(string videoId, long version, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO vp_search_documents (id, version, searchable, published_at) VALUES ($1, $2, false, now())
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, searchable = false, title = '', description = '',
                tags = '{}', tags_text = ''
            WHERE vp_search_documents.version <= excluded.version
            """);
        command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = videoId });
        command.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = version });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetViewsAsync(string videoId, long views, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE vp_search_documents SET views = $2 WHERE id = $1 AND views < $2");
        command.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = videoId });
        command.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = views });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
