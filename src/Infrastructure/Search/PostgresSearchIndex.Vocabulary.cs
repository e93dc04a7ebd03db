using Npgsql;
using VideoPlatform.Grains.Search;

namespace VideoPlatform.Infrastructure.Search;

/// <summary>
/// The vocabulary (<c>vp_search_words</c>) and how many searchable documents use each word, changed in the transaction
/// that writes the documents: a write reads the rows it replaces (locked), and each word gains what the new text adds
/// and loses what the old text held. Two first writes of one new id at once can both count it; a count off by a few
/// only changes which completions of a prefix are tried first, and a reindex does not correct it.
/// </summary>
public sealed partial class PostgresSearchIndex
{
    /// <summary>The documents held under these ids (locked until the transaction ends): version and, if searchable, words.</summary>
    private static async Task<Dictionary<string, (long Version, IReadOnlyList<string> Words)>> HeldAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        // Sorted, so concurrent writers lock rows in one order (no deadlock).
        await using var command = new NpgsqlCommand("""
            SELECT id, version, searchable, title, description, tags FROM vp_search_documents WHERE id = ANY($1) ORDER BY id FOR UPDATE
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = [.. ids.Distinct(StringComparer.Ordinal)] });
        var held = new Dictionary<string, (long, IReadOnlyList<string>)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var old = new SearchDocument { Id = reader.GetString(0), Title = reader.GetString(3), Description = reader.GetString(4), Tags = reader.GetFieldValue<string[]>(5) };
            held[old.Id] = (reader.GetInt64(1), reader.GetBoolean(2) ? SearchText.Vocabulary(old) : []);
        }

        return held;
    }

    /// <summary>Adds the words (a count of 0 only makes a word known) and their document count changes.</summary>
    private static NpgsqlBatchCommand CountWords(IReadOnlyDictionary<string, int> changes)
    {
        // Sorted, so concurrent writers take the vocabulary's row locks in one order (no deadlock).
        var words = changes.Keys.Order(StringComparer.Ordinal).ToArray();
        var command = new NpgsqlBatchCommand("""
            INSERT INTO vp_search_words (word, documents) SELECT w, n FROM unnest($1::text[], $2::int[]) AS u(w, n) ORDER BY 1
            ON CONFLICT (word) DO UPDATE SET documents = vp_search_words.documents + excluded.documents WHERE excluded.documents <> 0
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = words });
        command.Parameters.Add(new NpgsqlParameter<int[]>() { TypedValue = [.. words.Select(w => changes[w])] });
        return command;
    }

    private static void Count(Dictionary<string, int> changes, IEnumerable<string> words, int change)
    {
        foreach (var word in words)
        {
            changes[word] = changes.GetValueOrDefault(word) + change;
        }
    }
}
