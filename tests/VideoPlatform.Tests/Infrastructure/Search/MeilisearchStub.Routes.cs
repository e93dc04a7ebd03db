using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.Tests.Infrastructure.Search;

public sealed partial class MeilisearchStub
{
    /// <summary>One index: its primary key, the settings it was sent, and its documents by id.</summary>
    public sealed class StubIndex(string primaryKey)
    {
        public string PrimaryKey => primaryKey;
        public JsonObject Settings { get; } = [];
        public Dictionary<string, JsonObject> Documents { get; } = [];

        public IReadOnlyList<string> List(string setting) =>
            Settings[setting] is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToList() : [];
    }

    private Task CreateIndexAsync(HttpContext context, JsonNode body)
    {
        if (body is not JsonObject o || o.Any(p => p.Key is not ("uid" or "primaryKey")))
        {
            return ErrorAsync(context, 400, "bad_request", "invalid_request", "Unknown field in the index creation body.");
        }

        if (o["uid"] is not JsonValue uidValue || !uidValue.TryGetValue<string>(out var uid))
        {
            return ErrorAsync(context, 400, "missing_index_uid", "invalid_request", "`uid` is missing.");
        }

        if (!IsUid(uid))
        {
            return ErrorAsync(context, 400, "invalid_index_uid", "invalid_request", $"`{uid}` is not a valid index uid.");
        }

        var primaryKey = o["primaryKey"]?.GetValue<string>() ?? "";
        return EnqueueAsync(context, uid, "indexCreation", () =>
        {
            if (indexes.ContainsKey(uid))
            {
                return ("index_already_exists", $"Index `{uid}` already exists.");
            }

            indexes[uid] = new StubIndex(primaryKey);
            return null;
        });
    }

    private Task SettingsAsync(HttpContext context, string uid, JsonNode body)
    {
        if (body is not JsonObject o || o.FirstOrDefault(p => !SettingsFields.Contains(p.Key)) is { Key: { } unknown })
        {
            return ErrorAsync(context, 400, "bad_request", "invalid_request", "Unknown field in the settings body.");
        }

        foreach (var (key, value) in o)
        {
            var ok = key == "typoTolerance"
                ? value is JsonObject t && t.All(p => p.Key is "enabled" or "minWordSizeForTypos" or "disableOnWords" or "disableOnAttributes")
                : value is JsonArray a && a.All(n => n is JsonValue v && v.TryGetValue<string>(out _));
            if (!ok)
            {
                return ErrorAsync(context, 400, $"invalid_settings_{key}", "invalid_request", $"`{key}` has the wrong type.");
            }
        }

        return EnqueueAsync(context, uid, "settingsUpdate", () =>
        {
            var index = indexes.TryGetValue(uid, out var existing) ? existing : indexes[uid] = new StubIndex("");
            foreach (var (key, value) in o)
            {
                index.Settings[key] = value!.DeepClone();
            }

            return null;
        });
    }

    private Task DocumentsAsync(HttpContext context, string uid, JsonNode body, bool replace)
    {
        if (body is not JsonArray documents || documents.Any(d => d is not JsonObject))
        {
            return ErrorAsync(context, 400, "malformed_payload", "invalid_request", "The payload must be an array of objects.");
        }

        var fail = FailNextWrite;
        FailNextWrite = null;
        return EnqueueAsync(context, uid, "documentAdditionOrUpdate", () =>
        {
            if (fail is not null)
            {
                return (fail, "scripted failure");
            }

            var index = indexes.TryGetValue(uid, out var existing) ? existing : indexes[uid] = new StubIndex("id");
            var key = index.PrimaryKey.Length > 0 ? index.PrimaryKey : "id";
            // Atomic: every id is checked before anything is stored.
            if (documents.Any(d => d![key] is not JsonValue id || !IsDocumentId(id)))
            {
                return ("invalid_document_id", "A document id must be an integer or a string of [A-Za-z0-9_-].");
            }

            foreach (var document in documents.Cast<JsonObject>())
            {
                var id = document[key]!.ToString();
                if (!replace && index.Documents.TryGetValue(id, out var held))
                {
                    foreach (var (field, value) in document)
                    {
                        held[field] = value!.DeepClone();
                    }
                }
                else
                {
                    index.Documents[id] = (JsonObject)document.DeepClone();
                }
            }

            return null;
        });
    }

    private static bool IsDocumentId(JsonValue id) =>
        id.TryGetValue<long>(out _) || (id.TryGetValue<string>(out var s) && s.Length is > 0 and < 512 && IsUid(s));

    private Task DeleteBatchAsync(HttpContext context, string uid, JsonNode body)
    {
        if (body is not JsonArray ids || ids.Any(i => i is not JsonValue))
        {
            return ErrorAsync(context, 400, "malformed_payload", "invalid_request", "The payload must be an array of ids.");
        }

        return EnqueueAsync(context, uid, "documentDeletion", () =>
        {
            if (!indexes.TryGetValue(uid, out var index))
            {
                return ("index_not_found", $"Index `{uid}` not found.");
            }

            foreach (var id in ids)
            {
                index.Documents.Remove(id!.ToString());
            }

            return null;
        });
    }

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
