using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace VideoPlatform.Tests.Infrastructure.Search;

/// <summary>
/// An in-process stand-in for Meilisearch's documented REST API (../shared/reference/meilisearch.md §8): it checks
/// each request's method, path, auth, content type and body shape, answers with the documented shapes (202 tasks that
/// are polled to completion, search replies with hits/_formatted/facetDistribution), and can fail on purpose.
/// It is not a search engine: a hit is a document containing every query word as a word prefix.
/// </summary>
public sealed partial class MeilisearchStub : IAsyncDisposable
{
    public const string Key = "stub-master-key-0123456789";

    private static readonly HashSet<string> SearchFields = ["q", "offset", "limit", "page", "hitsPerPage", "filter", "sort", "facets",
        "attributesToRetrieve", "attributesToHighlight", "attributesToCrop", "cropLength", "cropMarker", "highlightPreTag", "highlightPostTag",
        "showMatchesPosition", "showRankingScore", "matchingStrategy"];
    private static readonly HashSet<string> SettingsFields = ["searchableAttributes", "displayedAttributes", "filterableAttributes",
        "sortableAttributes", "stopWords", "synonyms", "rankingRules", "typoTolerance", "faceting", "pagination"];

    private readonly WebApplication app;
    private readonly Dictionary<string, StubIndex> indexes = [];
    private readonly Dictionary<long, StubTask> tasks = [];
    private readonly Lock gate = new();
    private long nextTask;

    public List<(string Method, string Path, JsonNode? Body)> Requests { get; } = [];

    /// <summary>The next document write's task fails with this code (e.g. invalid_document_id).</summary>
    public string? FailNextWrite { get; set; }

    /// <summary>The next request with a body is refused with 413 payload_too_large.</summary>
    public bool RefuseNextPayload { get; set; }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Another client of the same stub (a client sets its own Authorization header).</summary>
    public HttpClient NewClient() => app.GetTestClient();

    private MeilisearchStub(WebApplication app)
    {
        this.app = app;
    }

    public static async Task<MeilisearchStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        var stub = new MeilisearchStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        stub.Client = app.GetTestClient();
        return stub;
    }

    public StubIndex? Index(string uid)
    {
        lock (gate)
        {
            return indexes.GetValueOrDefault(uid);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (path == "/health")
        {
            await context.Response.WriteAsJsonAsync(new { status = "available" });
            return;
        }

        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 401, "missing_authorization_header", "auth", "The Authorization header is missing. It must use the bearer authorization method.");
            return;
        }

        if (auth != "Bearer " + Key)
        {
            await ErrorAsync(context, 403, "invalid_api_key", "auth", "The provided API key is invalid.");
            return;
        }

        JsonNode? body = null;
        if (request.Method != "GET" && request.Method != "DELETE")
        {
            if (string.IsNullOrEmpty(request.ContentType))
            {
                await ErrorAsync(context, 415, "missing_content_type", "invalid_request", "A Content-Type header is missing.");
                return;
            }

            if (!request.ContentType.StartsWith("application/json", StringComparison.Ordinal))
            {
                await ErrorAsync(context, 415, "invalid_content_type", "invalid_request", $"The Content-Type `{request.ContentType}` is invalid.");
                return;
            }

            if (RefuseNextPayload)
            {
                RefuseNextPayload = false;
                await ErrorAsync(context, 413, "payload_too_large", "invalid_request", "The provided payload reached the size limit.");
                return;
            }

            try
            {
                body = await JsonNode.ParseAsync(request.Body);
            }
            catch (JsonException ex)
            {
                await ErrorAsync(context, 400, "malformed_payload", "invalid_request", ex.Message);
                return;
            }

            if (body is null)
            {
                await ErrorAsync(context, 400, "missing_payload", "invalid_request", "A json payload is missing.");
                return;
            }

            if (HasNull(body))
            {
                await ErrorAsync(context, 400, "bad_request", "invalid_request", "A stray null was sent (a null resets a setting or is refused).");
                return;
            }
        }

        lock (gate)
        {
            Requests.Add((request.Method, path, body?.DeepClone()));
        }

        await RouteAsync(context, request.Method, path, body);
    }

    private async Task RouteAsync(HttpContext context, string method, string path, JsonNode? body)
    {
        var segments = path.Trim('/').Split('/');
        switch (method, segments)
        {
            case ("POST", ["indexes"]):
                await CreateIndexAsync(context, body!);
                return;
            case ("GET", ["tasks", var id]) when long.TryParse(id, CultureInfo.InvariantCulture, out var uid):
                await GetTaskAsync(context, uid);
                return;
            case ("PATCH", ["indexes", var uid, "settings"]) when IsUid(uid):
                await SettingsAsync(context, uid, body!);
                return;
            case ("POST" or "PUT", ["indexes", var uid, "documents"]) when IsUid(uid):
                await DocumentsAsync(context, uid, body!, replace: method == "POST");
                return;
            case ("POST", ["indexes", var uid, "documents", "delete-batch"]) when IsUid(uid):
                await DeleteBatchAsync(context, uid, body!);
                return;
            case ("POST", ["indexes", var uid, "search"]) when IsUid(uid):
                await SearchAsync(context, uid, body!);
                return;
            default:
                await ErrorAsync(context, 404, "not_found", "invalid_request", $"{method} {path} is not a route of this API.");
                return;
        }
    }

    private static bool IsUid(string value) => UidPattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,512}$")]
    private static partial Regex UidPattern();

    private static bool HasNull(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.Any(p => HasNull(p.Value)),
        JsonArray a => a.Any(HasNull),
        _ => false,
    };

    private static Task ErrorAsync(HttpContext context, int status, string code, string type, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { message, code, type, link = $"https://docs.meilisearch.com/errors#{code}" });
    }

    /// <summary>Enqueues a task that <paramref name="run"/> completes on its second poll; returns the summarized task.</summary>
    private Task EnqueueAsync(HttpContext context, string? indexUid, string type, Func<(string Code, string Message)?> run)
    {
        long uid;
        lock (gate)
        {
            uid = nextTask++;
            tasks[uid] = new StubTask(uid, indexUid, type, run);
        }

        context.Response.StatusCode = 202;
        return context.Response.WriteAsJsonAsync(new
        {
            taskUid = uid, indexUid, status = "enqueued", type, enqueuedAt = DateTimeOffset.UnixEpoch.ToString("O", CultureInfo.InvariantCulture),
        });
    }

    private async Task GetTaskAsync(HttpContext context, long uid)
    {
        StubTask? task;
        lock (gate)
        {
            task = tasks.GetValueOrDefault(uid);
            task?.Poll(this);
        }

        if (task is null)
        {
            await ErrorAsync(context, 404, "task_not_found", "invalid_request", $"Task `{uid}` not found.");
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            uid = task.Uid, batchUid = task.Status is "enqueued" ? (long?)null : task.Uid, indexUid = task.IndexUid, status = task.Status,
            type = task.Type, canceledBy = (long?)null, details = new { },
            error = task.Error is { } e ? new { message = e.Message, code = e.Code, type = "invalid_request", link = $"https://docs.meilisearch.com/errors#{e.Code}" } : null,
            duration = task.Status is "succeeded" or "failed" ? "PT0.001S" : null,
            enqueuedAt = DateTimeOffset.UnixEpoch.ToString("O", CultureInfo.InvariantCulture),
            startedAt = (string?)null, finishedAt = (string?)null,
        });
    }

    private sealed class StubTask(long uid, string? indexUid, string type, Func<(string Code, string Message)?> run)
    {
        public long Uid => uid;
        public string? IndexUid => indexUid;
        public string Type => type;
        public string Status { get; private set; } = "enqueued";
        public (string Code, string Message)? Error { get; private set; }

        /// <summary>Enqueued → processing on the first poll, → succeeded or failed on the next.</summary>
        public void Poll(MeilisearchStub stub)
        {
            if (Status == "enqueued")
            {
                Status = "processing";
                return;
            }

            if (Status == "processing")
            {
                Error = run();
                Status = Error is null ? "succeeded" : "failed";
            }
        }
    }
}
