using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.Tests.Infrastructure.Search;

/// <summary>The write routes: index creation, settings, document writes and deletes, each queued as a task.</summary>
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
}
