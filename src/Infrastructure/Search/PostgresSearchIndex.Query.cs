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
        var typos = query.After is not null || words.Count == 0
            ? query.After is { Fuzzy: true } ? Typos.Always : Typos.None
            : Typos.WhenFew;
        await using var command = Command(query, words, typos);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadPageAsync(reader, query, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> SuggestAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        var words = SearchText.Words(text, SearchText.MaxQueryWords);
        if (words.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"""
            WITH q AS MATERIALIZED (SELECT {ExactTsQuery} AS q),
            c AS MATERIALIZED (SELECT d.id, d.title, d.document, d.views FROM vp_search_documents d
                WHERE d.searchable AND d.document @@ {TsQuery} ORDER BY d.views DESC, d.id LIMIT {Candidates})
            SELECT c.title FROM c ORDER BY ts_rank(c.document, {TsQuery}) DESC, c.views DESC, c.id LIMIT 40
            """);
        command.Parameters.AddWithValue("tsquery", string.Join(" & ", Terms(words)));
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
    private const string ExactTsQuery = "to_tsquery('simple', @tsquery) || to_tsquery('english', @tsquery)";

    /// <summary>The query's tsquery, computed once per statement in the common table expression <c>q</c>.</summary>
    private const string TsQuery = "(SELECT q.q FROM q)";

    /// <summary>The prefix of the typo-tolerant search's names in a statement that holds both.</summary>
    private const string Typo = "typo_";

    /// <summary>Whether a statement searches exactly, typo-tolerantly, or exactly and, when that finds fewer than
    /// <see cref="FuzzyBelow"/>, typo-tolerantly (a later page keeps the first page's mode, recorded in the cursor).</summary>
    private enum Typos { None, WhenFew, Always }

    /// <summary>The term of each query word in the tsquery: the last one a prefix (search-as-you-type).</summary>
    private static string[] Terms(IReadOnlyList<string> words) =>
        [.. words.Select((w, i) => i == words.Count - 1 && w.Length >= 2 ? w + ":*" : w)];

    /// <summary>
    /// The typo-tolerant tsquery: each word's term OR its nearest vocabulary words by trigram similarity
    /// ("transcdoing" → "transcoding"), null unless <paramref name="when"/> holds. Vocabulary words came through
    /// SearchText.Words; the pattern keeps tsquery syntax out regardless.
    /// </summary>
    private static string Corrections(string when) => $$"""
        {{Typo}}q AS MATERIALIZED (SELECT to_tsquery('simple', x.text) || to_tsquery('english', x.text) AS q FROM (
            SELECT string_agg('(' || array_to_string(array_prepend(w.term, n.near), ' | ') || ')', ' & ' ORDER BY w.i) AS text
            FROM unnest(@terms::text[], @words::text[]) WITH ORDINALITY AS w(term, word, i)
            CROSS JOIN LATERAL (SELECT coalesce(array_agg(v.word ORDER BY v.similarity DESC, v.word) FILTER (WHERE v.word <> w.word), '{}'::text[]) AS near
                FROM (SELECT word, similarity(word, w.word) AS similarity FROM vp_search_words
                      WHERE length(w.word) >= 3 AND word % w.word AND word !~ '[[:space:][:punct:]]'
                      ORDER BY 2 DESC, word LIMIT {{Alternatives}}) v) n
            WHERE {{when}}) x)
        """;

    /// <summary>
    /// One statement, one round trip: the exact search and, when asked, the typo-tolerant one, which reads nothing
    /// unless the exact one finds fewer than <see cref="FuzzyBelow"/> (its tsquery is null then). Rows: the page
    /// (part 0), the facets (1), the total (2); the typo-tolerant search's parts are numbered from 3.
    /// </summary>
    private NpgsqlCommand Command(SearchQuery query, IReadOnlyList<string> words, Typos typos)
    {
        var tables = new List<string>();
        var selects = new List<string>();
        var parameters = new Dictionary<string, object>();
        var fewExact = $"(SELECT count(*) FROM s) < {FuzzyBelow}";
        if (typos != Typos.Always)
        {
            tables.Add($"q AS MATERIALIZED (SELECT {ExactTsQuery} AS q)");
            Add("", 0, SearchStatement.Walk, typos == Typos.WhenFew ? $"NOT {fewExact}" : "true");
        }

        if (typos != Typos.None)
        {
            tables.Add(Corrections(typos == Typos.Always ? "true" : fewExact));
            Add(Typo, 3, 0, typos == Typos.Always ? "true" : fewExact);
        }

        var command = dataSource.CreateCommand($"""
            WITH {string.Join(",\n", tables)}
            {string.Join("\nUNION ALL ", selects)}
            ORDER BY part, at
            """);
        var terms = Terms(words);
        parameters["tsquery"] = string.Join(" & ", terms);
        if (typos != Typos.None)
        {
            parameters["terms"] = terms;
            parameters["words"] = words.ToArray();
        }

        if (words.Count > 0)
        {
            parameters["titleMarks"] = TitleMarks;
            parameters["descriptionMarks"] = DescriptionMarks;
        }

        if (query.After is { } after)
        {
            parameters["afterId"] = after.Id;
            parameters["afterScore"] = after.Score;
            parameters["afterNumber"] = after.Number;
            parameters["afterTime"] = DateTimeOffset.UnixEpoch.AddTicks(after.Number * 10);
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;

        // The named tables of one search (n: the prefix of its names) and its rows, when the condition holds.
        void Add(string n, int part, int walk, string when)
        {
            var statement = SearchStatement.Build(query, words, n, walk);
            foreach (var (name, value) in statement.Parameters)
            {
                parameters[name] = value;
            }

            var tsQuery = $"(SELECT {n}q.q FROM {n}q)";
            var highlight = words.Count > 0
                ? $"ts_headline('english', p.title, {tsQuery}, @titleMarks), ts_headline('english', p.description, {tsQuery}, @descriptionMarks)"
                : "NULL::text, NULL::text";
            tables.Add(statement.Sql);
            tables.Add($"{n}f AS (SELECT t, count(*) AS n FROM {n}s, unnest({n}s.tags) AS t GROUP BY t ORDER BY n DESC, t LIMIT {SearchPage.FacetCount})");
            selects.Add($"""
                SELECT {part} AS part, row_number() OVER (ORDER BY {statement.Order}) AS at, p.id, p.score, p.published_at, p.views, {highlight},
                       NULL::text AS tag, NULL::bigint AS n FROM {n}p p WHERE {when}
                UNION ALL SELECT {part + 1}, row_number() OVER (ORDER BY f.n DESC, f.t), NULL, NULL, NULL, NULL, NULL, NULL, f.t, f.n FROM {n}f f WHERE {when}
                UNION ALL SELECT {part + 2}, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM {n}s) WHERE {when}
                """);
        }
    }

    private static async Task<SearchPage> ReadPageAsync(NpgsqlDataReader reader, SearchQuery query, CancellationToken cancellationToken)
    {
        var rows = new List<(SearchHit Hit, SearchCursor Cursor)>();
        var facets = new List<TagCount>();
        long counted = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var part = reader.GetInt32(0);
            switch (part % 3)
            {
                case 0:
                    rows.Add(Row(reader, query, fuzzy: part >= 3));
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
