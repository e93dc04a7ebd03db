using System.Text;
using Npgsql;
using VideoPlatform.Grains.Search;

namespace VideoPlatform.Infrastructure.Search;

public sealed partial class PostgresSearchIndex
{
    /// <summary>Fewer exact matches than this and the search turns typo-tolerant.</summary>
    private const int FuzzyBelow = 3;
    private const int Alternatives = 3;

    /// <summary>How many documents each candidate list of a relevance search holds, and how far the total is counted.</summary>
    public const int Candidates = 100;

    private static readonly string TitleMarks = $"StartSel=\"{SearchText.MarkStart}\", StopSel=\"{SearchText.MarkEnd}\", HighlightAll=true";
    private static readonly string DescriptionMarks =
        $"StartSel=\"{SearchText.MarkStart}\", StopSel=\"{SearchText.MarkEnd}\", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var words = SearchText.Words(query.Text, SearchText.MaxQueryWords);
        if (query.After is { Fuzzy: true })
        {
            return await RunAsync(query, words, await CorrectionsAsync(words, cancellationToken), cancellationToken);
        }

        var page = await RunAsync(query, words, null, cancellationToken);
        return query.After is null && words.Count > 0 && page.Total < FuzzyBelow
            ? await RunAsync(query, words, await CorrectionsAsync(words, cancellationToken), cancellationToken)
            : page;
    }

    public async Task<IReadOnlyList<string>> SuggestAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        var words = SearchText.Words(text, SearchText.MaxQueryWords);
        if (words.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"""
            WITH c AS MATERIALIZED (SELECT d.id, d.title, d.document, d.views FROM vp_search_documents d
                WHERE d.searchable AND d.document @@ ({TsQuery}) ORDER BY d.views DESC, d.id LIMIT {Candidates})
            SELECT c.title FROM c ORDER BY ts_rank(c.document, {TsQuery}) DESC, c.views DESC, c.id LIMIT 40
            """);
        command.Parameters.AddWithValue("tsquery", TsQueryText(words, null));
        var titles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken) && titles.Count < limit)
        {
            var title = reader.GetString(0);
            if (!titles.Contains(title, StringComparer.Ordinal))
            {
                titles.Add(title);
            }
        }

        return titles;
    }

    // The words are letters and digits only (SearchText.Words), so the tsquery text built from them holds no operator
    // the user typed; it still travels as a parameter.
    private const string TsQuery = "to_tsquery('simple', @tsquery) || to_tsquery('english', @tsquery)";

    /// <summary>w1 &amp; w2 &amp; w3:* — or, typo-tolerant, each word OR its nearest vocabulary words.</summary>
    private static string TsQueryText(IReadOnlyList<string> words, IReadOnlyDictionary<int, List<string>>? corrections)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var last = i == words.Count - 1;
            var term = last && words[i].Length >= 2 ? words[i] + ":*" : words[i];
            var options = corrections is not null && corrections.TryGetValue(i, out var near) ? near.Where(n => n != words[i]).Prepend(term) : [term];
            text.Append(i > 0 ? " & (" : "(").AppendJoin(" | ", options).Append(')');
        }

        return text.ToString();
    }

    /// <summary>For each query word, the closest words the documents use (trigram similarity).</summary>
    private async Task<IReadOnlyDictionary<int, List<string>>> CorrectionsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT q.i, s.word FROM unnest(@words::text[]) WITH ORDINALITY AS q(w, i)
            CROSS JOIN LATERAL (SELECT word FROM vp_search_words WHERE length(q.w) >= 3 AND word % q.w
                                ORDER BY similarity(word, q.w) DESC, word LIMIT {Alternatives}) s
            """);
        command.Parameters.AddWithValue("words", words.ToArray());
        var corrections = new Dictionary<int, List<string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = (int)reader.GetInt64(0) - 1;
            var word = reader.GetString(1);
            // Vocabulary words came through SearchText.Words as well; the check keeps the tsquery safe regardless.
            if (word.All(char.IsLetterOrDigit))
            {
                (corrections.TryGetValue(index, out var list) ? list : corrections[index] = []).Add(word);
            }
        }

        return corrections;
    }

    private async Task<SearchPage> RunAsync(
        SearchQuery query, IReadOnlyList<string> words, IReadOnlyDictionary<int, List<string>>? corrections, CancellationToken cancellationToken)
    {
        var statement = SearchStatement.Build(query, words, TsQueryText(words, corrections), TsQuery);
        var highlight = words.Count > 0
            ? $"ts_headline('english', p.title, {TsQuery}, @titleMarks), ts_headline('english', p.description, {TsQuery}, @descriptionMarks)"
            : "NULL::text, NULL::text";
        await using var command = dataSource.CreateCommand($"""
            {statement.Sql},
            f AS (SELECT t, count(*) AS n FROM s, unnest(s.tags) AS t GROUP BY t ORDER BY n DESC, t LIMIT {SearchPage.FacetCount})
            SELECT 0 AS part, row_number() OVER (ORDER BY {statement.Order}) AS at, p.id, p.score, p.published_at, p.views, {highlight},
                   NULL::text AS tag, NULL::bigint AS n FROM p
            UNION ALL SELECT 1, row_number() OVER (ORDER BY f.n DESC, f.t), NULL, NULL, NULL, NULL, NULL, NULL, f.t, f.n FROM f
            UNION ALL SELECT 2, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM s)
            ORDER BY part, at
            """);
        foreach (var (name, value) in statement.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        if (words.Count > 0)
        {
            command.Parameters.AddWithValue("titleMarks", TitleMarks);
            command.Parameters.AddWithValue("descriptionMarks", DescriptionMarks);
        }

        if (query.After is { } after)
        {
            command.Parameters.AddWithValue("afterId", after.Id);
            command.Parameters.AddWithValue("afterScore", after.Score);
            command.Parameters.AddWithValue("afterNumber", after.Number);
            command.Parameters.AddWithValue("afterTime", DateTimeOffset.UnixEpoch.AddTicks(after.Number * 10));
        }

        var rows = new List<(SearchHit Hit, SearchCursor Cursor)>();
        var facets = new List<TagCount>();
        long counted = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            switch (reader.GetInt32(0))
            {
                case 0:
                    rows.Add(Row(reader, query, corrections is not null));
                    break;
                case 1:
                    facets.Add(new TagCount(reader.GetString(8), reader.GetInt64(9)));
                    break;
                default:
                    counted = reader.GetInt64(9);
                    break;
            }
        }

        var page = rows.Take(query.Limit).ToList();
        var atLeast = counted >= Candidates;
        return new SearchPage(page.Select(r => r.Hit).ToList(), facets, rows.Count > query.Limit ? page[^1].Cursor : null,
            atLeast ? Candidates : counted, atLeast);
    }

    private static (SearchHit Hit, SearchCursor Cursor) Row(NpgsqlDataReader reader, SearchQuery query, bool fuzzy)
    {
        var id = reader.GetString(2);
        var cursor = new SearchCursor
        {
            Sort = query.Sort,
            Fuzzy = fuzzy,
            Score = reader.GetDouble(3),
            Number = query.Sort == SearchSort.Views ? reader.GetInt64(5) : Micros(reader.GetFieldValue<DateTimeOffset>(4)),
            Id = id,
        };
        return (new SearchHit(id, SearchText.ToHighlightHtml(reader.IsDBNull(6) ? null : reader.GetString(6)),
            SearchText.ToHighlightHtml(reader.IsDBNull(7) ? null : reader.GetString(7))), cursor);
    }

    private static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
