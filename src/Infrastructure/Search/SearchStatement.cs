using System.Globalization;
using VideoPlatform.Grains.Search;

namespace VideoPlatform.Infrastructure.Search;

/// <summary>
/// The common table expressions of one PostgreSQL search: <c>s</c>, the bounded set that facets and the total are read
/// from, and <c>p</c>, the page. A relevance search ranks candidates only: the <see cref="PostgresSearchIndex.Candidates"/> most viewed
/// title matches, the exact titles, and, when titles match fewer, the most viewed matches of any field; a frequent
/// word then costs a few hundred rows, not every document that holds it (see docs/search.md). Newest and views
/// sorts page through every match in index order; their facets and total read the first <see cref="PostgresSearchIndex.Candidates"/>.
/// </summary>
internal sealed record SearchStatement(string Sql, string Order, Dictionary<string, object> Parameters)
{
    private static readonly string Bound = PostgresSearchIndex.Candidates.ToString(CultureInfo.InvariantCulture);

    /// <param name="tsQuery">The SQL of the tsquery, reading the <c>@tsquery</c> parameter (written where it is used so
    /// that, known when planned, it folds to a constant the GIN indexes can take).</param>
    public static SearchStatement Build(SearchQuery query, IReadOnlyList<string> words, string tsQueryText, string tsQuery)
    {
        var parameters = new Dictionary<string, object>();
        var filters = Filters(query, parameters);
        var (order, keyset) = query.Sort switch
        {
            SearchSort.Newest => ("published_at DESC, id", "(published_at < @afterTime OR (published_at = @afterTime AND id > @afterId))"),
            SearchSort.Views => ("views DESC, id", "(views < @afterNumber OR (views = @afterNumber AND id > @afterId))"),
            _ => ("score DESC, id", "(score < @afterScore OR (score = @afterScore AND id > @afterId))"),
        };
        var after = query.After is null ? "" : "WHERE " + keyset;
        // A parameter, not text: the statement's text stays the same for every page size, so it is prepared once.
        parameters["pageLimit"] = query.Limit + 1;
        const string columns = "d.id, d.title, d.description, d.tags, d.published_at, d.views";
        if (words.Count == 0 || query.Sort != SearchSort.Relevance)
        {
            var match = words.Count == 0 ? filters : $"{filters} AND d.document @@ ({tsQuery})";
            if (words.Count > 0)
            {
                parameters["tsquery"] = tsQueryText;
            }

            return new SearchStatement($"""
                WITH m AS NOT MATERIALIZED (SELECT {columns}, 0::float8 AS score FROM vp_search_documents d WHERE {match}),
                s AS MATERIALIZED (SELECT * FROM m ORDER BY {order} LIMIT {Bound}),
                p AS (SELECT * FROM m {after} ORDER BY {order} LIMIT @pageLimit)
                """, order, parameters);
        }

        parameters["tsquery"] = tsQueryText;
        parameters["exact"] = string.Join(' ', words);
        // An exact title outranks any weighting of words.
        var score = $"ts_rank(d.document, {tsQuery})::float8 + CASE WHEN d.title_key = @exact THEN 10 ELSE 0 END";
        return new SearchStatement($"""
            WITH t AS MATERIALIZED (
                (SELECT d.id FROM vp_search_documents d WHERE {filters} AND d.title_document @@ ({tsQuery}) ORDER BY d.views DESC, d.id LIMIT {Bound})
                UNION (SELECT d.id FROM vp_search_documents d WHERE {filters} AND d.title_key = @exact LIMIT {Bound})),
            o AS MATERIALIZED (SELECT d.id FROM vp_search_documents d
                WHERE {filters} AND d.document @@ ({tsQuery}) AND (SELECT count(*) FROM t) < {Bound} ORDER BY d.views DESC, d.id LIMIT {Bound}),
            s AS MATERIALIZED (SELECT {columns}, {score} AS score FROM vp_search_documents d
                WHERE d.id IN (SELECT id FROM t UNION SELECT id FROM o)),
            p AS (SELECT * FROM s {after} ORDER BY {order} LIMIT @pageLimit)
            """, order, parameters);
    }

    /// <summary>Searchable, and every filter of the query (not its words).</summary>
    private static string Filters(SearchQuery query, Dictionary<string, object> parameters)
    {
        var where = new List<string> { "d.searchable" };
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

        return string.Join(" AND ", where);
    }
}
