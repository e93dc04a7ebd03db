using System.Globalization;
using VideoPlatform.Grains.Search;

namespace VideoPlatform.Infrastructure.Search;

/// <summary>
/// The common table expressions of one PostgreSQL search: <c>s</c>, the bounded set that facets and the total are read
/// from, and <c>p</c>, the page. A relevance search ranks candidates only: the <see cref="PostgresSearchIndex.Candidates"/> most viewed
/// title matches, the exact titles, and, when titles match fewer, the most viewed matches of any field; a frequent
/// word then costs a few hundred rows, not every document that holds it (see docs/search.md). Newest and views
/// sorts page through every match in index order; their facets and total read the first <see cref="PostgresSearchIndex.Candidates"/>.
/// The names carry a prefix, so that the exact and the typo-tolerant search can share one statement.
/// </summary>
internal sealed record SearchStatement(string Sql, string Order, Dictionary<string, object> Parameters)
{
    private static readonly string Bound = PostgresSearchIndex.Candidates.ToString(CultureInfo.InvariantCulture);

    /// <summary>How many of the most viewed videos an exact relevance search reads in view order for title matches before
    /// it reads every title match instead. A typo-tolerant search reads every title match at once: its tsquery, an OR of
    /// prefixes and corrections, costs microseconds a row to test, and its matches are few.</summary>
    public const int Walk = 1000;

    /// <param name="n">The prefix of the names: <c>{n}s</c>, <c>{n}p</c>; the tsquery is <c>{n}q</c>'s value, computed once
    /// per statement (the statements are prepared with generic plans, where an expression over a parameter would be
    /// evaluated again for every row).</param>
    /// <param name="walk">How many of the most viewed videos to read in view order first (<see cref="Walk"/> or 0).</param>
    public static SearchStatement Build(SearchQuery query, IReadOnlyList<string> words, string n, int walk)
    {
        // A null tsquery (a typo-tolerant search that is not needed) reads nothing.
        var tsQuery = $"(SELECT {n}q.q FROM {n}q)";
        var parameters = new Dictionary<string, object>();
        var filters = Where(query, parameters);
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
            var match = words.Count == 0 ? filters : $"{filters} AND {tsQuery} IS NOT NULL AND d.document @@ {tsQuery}";
            return new SearchStatement($"""
                {n}m AS NOT MATERIALIZED (SELECT {columns}, 0::float8 AS score FROM vp_search_documents d WHERE {match}),
                {n}s AS MATERIALIZED (SELECT * FROM {n}m ORDER BY {order} LIMIT {Bound}),
                {n}p AS (SELECT * FROM {n}m {after} ORDER BY {order} LIMIT @pageLimit)
                """, order, parameters);
        }

        parameters["exact"] = string.Join(' ', words);
        // Title words weigh more than tags; an exact title outranks any weighting of words.
        var score = $"ts_rank(c.title_document || c.tags_document, {tsQuery})::float8 + CASE WHEN c.title_key = @exact THEN 10 ELSE 0 END";
        var narrow = Where(query, parameters, "c", searchable: false);
        // Candidates are picked and ranked from the narrow rows. The most viewed title matches: in view order (tw) when
        // the first `walk` videos hold enough of them, else from all title matches (tb), which are then few; the plan
        // does not depend on an estimate of how many documents a word or prefix matches. Wide rows are read for matches
        // outside titles (only when titles match few) and for the page's highlights.
        return new SearchStatement($"""
            {n}tw AS MATERIALIZED (SELECT w.id FROM (SELECT c.id, c.views, c.title_document FROM vp_search_candidates c
                WHERE {narrow} AND {tsQuery} IS NOT NULL ORDER BY c.views DESC, c.id LIMIT {walk}) w
                WHERE w.title_document @@ {tsQuery} ORDER BY w.views DESC, w.id LIMIT {Bound}),
            {n}tb AS MATERIALIZED (SELECT c.id, c.views FROM vp_search_candidates c
                WHERE {narrow} AND c.title_document @@ {tsQuery} AND (SELECT count(*) FROM {n}tw) < {Bound}),
            {n}t AS MATERIALIZED (SELECT id FROM {n}tw UNION (SELECT id FROM {n}tb ORDER BY views DESC, id LIMIT {Bound})
                UNION (SELECT c.id FROM vp_search_candidates c WHERE {narrow} AND c.title_key = @exact AND {tsQuery} IS NOT NULL LIMIT {Bound})),
            {n}m AS MATERIALIZED (SELECT d.id, d.views FROM vp_search_documents d
                WHERE {filters} AND d.document @@ {tsQuery} AND (SELECT count(*) FROM {n}t) < {Bound}),
            {n}s AS MATERIALIZED (SELECT c.id, c.tags, c.published_at, c.views, {score} AS score FROM vp_search_candidates c
                WHERE c.id IN (SELECT id FROM {n}t UNION (SELECT id FROM {n}m ORDER BY views DESC, id LIMIT {Bound}))),
            {n}p AS (SELECT s.*, d.title, d.description FROM (SELECT * FROM {n}s {after} ORDER BY {order} LIMIT @pageLimit) s
                JOIN vp_search_documents d ON d.id = s.id)
            """, order, parameters);
    }

    /// <summary>Searchable, and every filter of the query (not its words), over the table aliased <paramref name="d"/>;
    /// the narrow rows are all searchable.</summary>
    private static string Where(SearchQuery query, Dictionary<string, object> parameters, string d = "d", bool searchable = true)
    {
        var where = new List<string> { searchable ? $"{d}.searchable" : "true" };
        if (query.Tags.Count > 0)
        {
            parameters["tags"] = query.Tags.ToArray();
            where.Add($"{d}.tags @> @tags");
        }

        if (query.OwnerId is not null)
        {
            parameters["owner"] = query.OwnerId;
            where.Add($"{d}.owner_id = @owner");
        }

        if (query.Duration is { } duration)
        {
            var (min, max) = SearchQuery.Seconds(duration);
            if (min is not null)
            {
                parameters["minDuration"] = min.Value;
                where.Add($"{d}.duration_seconds >= @minDuration");
            }

            if (max is not null)
            {
                parameters["maxDuration"] = max.Value;
                where.Add($"{d}.duration_seconds < @maxDuration");
            }
        }

        if (query.PublishedAfter is { } after)
        {
            parameters["publishedAfter"] = after.ToUniversalTime();
            where.Add($"{d}.published_at >= @publishedAfter");
        }

        return string.Join(" AND ", where);
    }
}
