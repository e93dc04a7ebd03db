using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.Tests.Infrastructure.Search;

/// <summary>The search route: the body checked against the index's settings, then hits, highlights and facets.</summary>
public sealed partial class MeilisearchStub
{
    private Task SearchAsync(HttpContext context, string uid, JsonNode body)
    {
        if (body is not JsonObject o || o.Any(p => !SearchFields.Contains(p.Key)))
        {
            return ErrorAsync(context, 400, "bad_request", "invalid_request", "Unknown field in the search body.");
        }

        if ((o["limit"] is { } l && !(l is JsonValue lv && lv.TryGetValue<int>(out _))) || (o["offset"] is { } f && !(f is JsonValue fv && fv.TryGetValue<int>(out _)))
            || new[] { "sort", "facets", "attributesToRetrieve", "attributesToHighlight", "attributesToCrop" }.Any(k => o[k] is { } v && !IsStringArray(v))
            || (o["filter"] is { } filterNode && filterNode is not JsonValue && !IsStringArray(filterNode)))
        {
            return ErrorAsync(context, 400, "bad_request", "invalid_request", "A search field has the wrong type.");
        }

        StubIndex? index;
        lock (gate)
        {
            index = indexes.GetValueOrDefault(uid);
        }

        if (index is null)
        {
            return ErrorAsync(context, 404, "index_not_found", "invalid_request", $"Index `{uid}` not found.");
        }

        var filters = o["filter"] is JsonArray fa ? fa.Select(n => n!.GetValue<string>()).ToList() : o["filter"] is JsonValue fs ? [fs.GetValue<string>()] : [];
        var conditions = new List<Func<JsonObject, bool>>();
        foreach (var filter in filters)
        {
            var parts = filter.Split(' ', 3);
            if (parts.Length != 3 || !index.List("filterableAttributes").Contains(parts[0]))
            {
                return ErrorAsync(context, 400, "invalid_search_filter", "invalid_request",
                    $"Attribute `{parts[0]}` is not filterable. Available filterable attribute patterns are: {string.Join(", ", index.List("filterableAttributes"))}.");
            }

            conditions.Add(Condition(parts[0], parts[1], parts[2]));
        }

        var sort = Strings(o["sort"]);
        if (sort.FirstOrDefault(s => !index.List("sortableAttributes").Contains(s.Split(':')[0])) is { } badSort)
        {
            return ErrorAsync(context, 400, "invalid_search_sort", "invalid_request", $"Attribute `{badSort}` is not sortable.");
        }

        var facets = o["facets"] is null ? null : Strings(o["facets"]);
        if (facets?.FirstOrDefault(a => !index.List("filterableAttributes").Contains(a)) is { } badFacet)
        {
            return ErrorAsync(context, 400, "invalid_search_facets", "invalid_request", $"Attribute `{badFacet}` is not filterable.");
        }

        return context.Response.WriteAsJsonAsync(Answer(index, o, conditions, sort, facets));
    }

    private static JsonObject Answer(StubIndex index, JsonObject o, List<Func<JsonObject, bool>> conditions, List<string> sort, List<string>? facets)
    {
        var q = o["q"]?.GetValue<string>();
        var words = (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
        var searchable = index.List("searchableAttributes");
        List<JsonObject> matches;
        lock (index)
        {
            matches = index.Documents.Values.Where(d => conditions.All(c => c(d)))
                .Where(d => words.All(w => searchable.Any(a => Words(d[a]).Any(x => x.StartsWith(w, StringComparison.Ordinal))))).ToList();
        }

        foreach (var s in Enumerable.Reverse(sort))
        {
            var field = s.Split(':')[0];
            matches = s.EndsWith(":desc", StringComparison.Ordinal)
                ? matches.OrderByDescending(d => d[field]?.GetValue<double>() ?? 0).ToList()
                : matches.OrderBy(d => d[field]?.GetValue<double>() ?? 0).ToList();
        }

        var offset = o["offset"]?.GetValue<int>() ?? 0;
        var limit = o["limit"]?.GetValue<int>() ?? 20;
        var retrieve = o["attributesToRetrieve"] is null ? null : Strings(o["attributesToRetrieve"]);
        var highlight = o["attributesToHighlight"] is null ? null : Strings(o["attributesToHighlight"]);
        var crop = o["attributesToCrop"] is null ? null : Strings(o["attributesToCrop"]);
        var pre = o["highlightPreTag"]?.GetValue<string>() ?? "<em>";
        var post = o["highlightPostTag"]?.GetValue<string>() ?? "</em>";
        var hits = new JsonArray();
        foreach (var document in matches.Skip(offset).Take(limit))
        {
            var hit = new JsonObject();
            foreach (var (field, value) in document.Where(p => retrieve is null || retrieve.Contains("*") || retrieve.Contains(p.Key)))
            {
                hit[field] = value?.DeepClone();
            }

            if (highlight is not null || crop is not null)
            {
                var formatted = new JsonObject();
                foreach (var (field, value) in hit)
                {
                    // Inside _formatted numbers become strings.
                    var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                    formatted[field] = highlight?.Contains(field) == true
                        ? string.Join(' ', text.Split(' ').Select(t => words.Any(w => t.ToLowerInvariant().StartsWith(w, StringComparison.Ordinal)) ? pre + t + post : t))
                        : text;
                }

                hit["_formatted"] = formatted;
            }

            hits.Add(hit);
        }

        var answer = new JsonObject
        {
            ["hits"] = hits,
            ["query"] = q ?? "",
            ["processingTimeMs"] = 1,
            ["limit"] = limit,
            ["offset"] = offset,
            ["estimatedTotalHits"] = matches.Count,
        };
        if (facets is not null)
        {
            var distribution = new JsonObject();
            foreach (var facet in facets)
            {
                var counts = new JsonObject();
                foreach (var group in matches.SelectMany(d => d[facet] is JsonArray a ? a.Select(n => n!.ToString()) : [d[facet]?.ToString() ?? ""]).GroupBy(v => v))
                {
                    counts[group.Key] = group.Count();
                }

                distribution[facet] = counts;
            }

            answer["facetDistribution"] = distribution;
            answer["facetStats"] = new JsonObject();
        }

        return answer;
    }

    private static bool IsStringArray(JsonNode node) => node is JsonArray a && a.All(n => n is JsonValue v && v.TryGetValue<string>(out _));

    private static List<string> Strings(JsonNode? node) => node is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToList() : [];

    private static IEnumerable<string> Words(JsonNode? node) => node switch
    {
        JsonArray a => a.SelectMany(Words),
        JsonValue v when v.TryGetValue<string>(out var s) => s.ToLowerInvariant().Split([' ', ',', '.', ':'], StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    /// <summary>The comparisons this provider sends: <c>attr = "text"</c>, <c>attr = true</c>, and numeric &gt;= / &lt;.</summary>
    private static Func<JsonObject, bool> Condition(string field, string op, string operand)
    {
        if (operand.StartsWith('"'))
        {
            var text = operand[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            return d => d[field] is JsonArray a ? a.Any(n => string.Equals(n!.ToString(), text, StringComparison.OrdinalIgnoreCase))
                : string.Equals(d[field]?.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }

        if (operand is "true" or "false")
        {
            return d => d[field] is JsonValue v && v.TryGetValue<bool>(out var b) && b == (operand == "true");
        }

        var number = double.Parse(operand, CultureInfo.InvariantCulture);
        return op switch
        {
            ">=" => d => d[field]?.GetValue<double>() >= number,
            "<" => d => d[field]?.GetValue<double>() < number,
            _ => d => d[field]?.GetValue<double>() == number,
        };
    }
}
