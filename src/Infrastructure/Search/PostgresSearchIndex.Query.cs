using System.Globalization;
using System.Text;
using Npgsql;
using VideoPlatform.Grains.Search;

namespace VideoPlatform.Infrastructure.Search;

public sealed partial class PostgresSearchIndex
{
    /// <summary>Fewer exact matches than this and the search turns typo-tolerant.</summary>
    private const int FuzzyBelow = 3;
    private const int Alternatives = 3;

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
            SELECT d.title FROM vp_search_documents d WHERE d.searchable AND d.document @@ ({TsQuery})
            ORDER BY ts_rank(d.document, {TsQuery}) DESC, d.views DESC, d.id LIMIT 40
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
        await using var batch = dataSource.CreateBatch();
        var (matches, parameters) = Matches(query, words, corrections);
        var (order, keyset) = query.Sort switch
        {
            SearchSort.Newest => ("published_at DESC, id", "(published_at < @afterTime OR (published_at = @afterTime AND id > @afterId))"),
            SearchSort.Views => ("views DESC, id", "(views < @afterNumber OR (views = @afterNumber AND id > @afterId))"),
            _ => ("score DESC, id", "(score < @afterScore OR (score = @afterScore AND id > @afterId))"),
        };
        var highlight = words.Count > 0
            ? $"ts_headline('english', p.title, {TsQuery}, @titleMarks), ts_headline('english', p.description, {TsQuery}, @descriptionMarks)"
            : "NULL::text, NULL::text";
        var limit = (query.Limit + 1).ToString(CultureInfo.InvariantCulture);
        batch.BatchCommands.Add(Command($"""
            {matches}
            SELECT p.id, p.score, p.published_at, p.views, {highlight}
            FROM (SELECT * FROM m {(query.After is null ? "" : "WHERE " + keyset)} ORDER BY {order} LIMIT {limit}) p
            ORDER BY {order}
            """, parameters, query.After));
        batch.BatchCommands.Add(Command($"""
            {matches}
            SELECT t, count(*) FROM m, unnest(m.tags) AS t GROUP BY t ORDER BY count(*) DESC, t LIMIT {SearchPage.FacetCount}
            """, parameters, null));
        batch.BatchCommands.Add(Command($"{matches} SELECT count(*) FROM m", parameters, null));

        var rows = new List<(SearchHit Hit, SearchCursor Cursor)>();
        var facets = new List<TagCount>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            var cursor = new SearchCursor
            {
                Sort = query.Sort,
                Fuzzy = corrections is not null,
                Score = reader.GetDouble(1),
                Number = query.Sort == SearchSort.Views ? reader.GetInt64(3) : Micros(reader.GetFieldValue<DateTimeOffset>(2)),
                Id = id,
            };
            rows.Add((new SearchHit(id, SearchText.ToHighlightHtml(reader.IsDBNull(4) ? null : reader.GetString(4)),
                SearchText.ToHighlightHtml(reader.IsDBNull(5) ? null : reader.GetString(5))), cursor));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            facets.Add(new TagCount(reader.GetString(0), reader.GetInt64(1)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        var page = rows.Take(query.Limit).ToList();
        return new SearchPage(page.Select(r => r.Hit).ToList(), facets, rows.Count > query.Limit ? page[^1].Cursor : null, total);
    }

    /// <summary>The <c>m</c> common table expression (matching documents with their score) and its parameters.</summary>
    private static (string Sql, Dictionary<string, object> Parameters) Matches(
        SearchQuery query, IReadOnlyList<string> words, IReadOnlyDictionary<int, List<string>>? corrections)
    {
        var parameters = new Dictionary<string, object>();
        var where = new List<string> { "d.searchable" };
        string score;
        if (words.Count > 0)
        {
            parameters["tsquery"] = TsQueryText(words, corrections);
            parameters["exact"] = string.Join(' ', words);
            parameters["titleMarks"] = TitleMarks;
            parameters["descriptionMarks"] = DescriptionMarks;
            where.Add($"d.document @@ ({TsQuery})");
            // An exact title outranks any weighting of words.
            score = $"ts_rank(d.document, {TsQuery})::float8 + CASE WHEN trim(regexp_replace(lower(d.title), '[^[:alnum:]]+', ' ', 'g')) = @exact THEN 10 ELSE 0 END";
        }
        else
        {
            score = "0::float8";
        }

        if (query.Tags.Count > 0)
        {
            parameters["tags"] = query.Tags.ToArray();
            where.Add("d.tags @> @tags");
        }

        if (query.OwnerId is not null)
        {
            parameters["owner"] = query.OwnerId;
            where.Add("d.owner_id = @owner");
        }

        if (query.Duration is { } duration)
        {
            var (min, max) = SearchQuery.Seconds(duration);
            if (min is not null)
            {
                parameters["minDuration"] = min.Value;
                where.Add("d.duration_seconds >= @minDuration");
            }

            if (max is not null)
            {
                parameters["maxDuration"] = max.Value;
                where.Add("d.duration_seconds < @maxDuration");
            }
        }

        if (query.PublishedAfter is { } after)
        {
            parameters["publishedAfter"] = after.ToUniversalTime();
            where.Add("d.published_at >= @publishedAfter");
        }

        // The tsquery is written out where it is used (not a CTE): with its parameter known when planned, it folds to a
        // constant that the GIN index can take.
        return ($"""
            WITH m AS (SELECT d.id, d.title, d.description, d.tags, d.published_at, d.views, {score} AS score
                  FROM vp_search_documents d WHERE {string.Join(" AND ", where)})
            """, parameters);
    }

    private static NpgsqlBatchCommand Command(string sql, Dictionary<string, object> parameters, SearchCursor? after)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        if (after is not null)
        {
            command.Parameters.AddWithValue("afterId", after.Id);
            command.Parameters.AddWithValue("afterScore", after.Score);
            command.Parameters.AddWithValue("afterNumber", after.Number);
            command.Parameters.AddWithValue("afterTime", DateTimeOffset.UnixEpoch.AddTicks(after.Number * 10));
        }

        return command;
    }

    private static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
