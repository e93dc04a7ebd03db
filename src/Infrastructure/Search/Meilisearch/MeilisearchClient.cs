using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatform.Infrastructure.Search.Meilisearch;

/// <summary>
/// A typed HttpClient over Meilisearch's documented REST API: indexes, settings, documents, tasks and search. A 202 is
/// not success: <see cref="WaitAsync"/> polls the task and surfaces a failed task's error code.
/// </summary>
public sealed class MeilisearchClient
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(5), MaxPoll = TimeSpan.FromMilliseconds(250);

    private readonly HttpClient http;
    private readonly TimeProvider time;

    public MeilisearchClient(HttpClient http, MeilisearchSettings settings, TimeProvider time)
    {
        this.http = http;
        this.time = time;
        http.BaseAddress ??= new Uri(settings.Url!.TrimEnd('/') + "/");
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }
    }

    public Task<MeiliTaskInfo> CreateIndexAsync(string uid, string primaryKey, CancellationToken cancellationToken) =>
        SendAsync<MeiliTaskInfo>(HttpMethod.Post, "indexes", new MeiliCreateIndex(uid, primaryKey), cancellationToken);

    public Task<MeiliTaskInfo> UpdateSettingsAsync(string uid, MeiliSettings settings, CancellationToken cancellationToken) =>
        SendAsync<MeiliTaskInfo>(HttpMethod.Patch, $"indexes/{uid}/settings", settings, cancellationToken);

    /// <summary>POST: each document replaces any with its id.</summary>
    public Task<MeiliTaskInfo> AddOrReplaceDocumentsAsync(string uid, IReadOnlyList<MeiliVideo> documents, CancellationToken cancellationToken) =>
        SendAsync<MeiliTaskInfo>(HttpMethod.Post, $"indexes/{uid}/documents", documents, cancellationToken);

    /// <summary>PUT: top-level fields are merged into the document with that id.</summary>
    public Task<MeiliTaskInfo> UpdateDocumentsAsync(string uid, IReadOnlyList<MeiliVideo> documents, CancellationToken cancellationToken) =>
        SendAsync<MeiliTaskInfo>(HttpMethod.Put, $"indexes/{uid}/documents", documents, cancellationToken);

    public Task<MeiliTaskInfo> DeleteDocumentsAsync(string uid, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        SendAsync<MeiliTaskInfo>(HttpMethod.Post, $"indexes/{uid}/documents/delete-batch", ids, cancellationToken);

    public Task<MeiliSearchResponse> SearchAsync(string uid, MeiliSearchRequest request, CancellationToken cancellationToken) =>
        SendAsync<MeiliSearchResponse>(HttpMethod.Post, $"indexes/{uid}/search", request, cancellationToken);

    public Task<MeiliTask> GetTaskAsync(long taskUid, CancellationToken cancellationToken) =>
        SendAsync<MeiliTask>(HttpMethod.Get, $"tasks/{taskUid}", null, cancellationToken);

    /// <summary>Polls the task with a growing interval until it is final; returns it (succeeded, failed or canceled).</summary>
    public async Task<MeiliTask> WaitAsync(MeiliTaskInfo info, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        var pause = FirstPoll;
        while (true)
        {
            var task = await GetTaskAsync(info.TaskUid, cancellationToken);
            if (task.Status is "succeeded" or "failed" or "canceled")
            {
                return task;
            }

            if (time.GetTimestamp() > deadline)
            {
                throw new MeilisearchException("task_timeout", $"task {info.TaskUid} ({info.Type}) still {task.Status} after {timeout}");
            }

            await Task.Delay(pause, time, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPoll.Ticks));
        }
    }

    /// <summary>Waits for the task and throws its error unless it succeeded (or failed with one of <paramref name="tolerated"/>).</summary>
    public async Task WaitSucceededAsync(MeiliTaskInfo info, TimeSpan timeout, CancellationToken cancellationToken, params string[] tolerated)
    {
        var task = await WaitAsync(info, timeout, cancellationToken);
        if (task.Status != "succeeded" && !tolerated.Contains(task.Error?.Code))
        {
            throw new MeilisearchException(task.Error?.Code ?? task.Status, task.Error?.Message ?? $"task {task.Uid} {task.Status}");
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: MeiliJson.Options);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            MeiliError? error = null;
            try
            {
                error = await response.Content.ReadFromJsonAsync<MeiliError>(MeiliJson.Options, cancellationToken);
            }
            catch (JsonException)
            {
                // Not Meilisearch's error shape (a proxy in between): the status says enough.
            }

            throw new MeilisearchException(error?.Code ?? $"http_{(int)response.StatusCode}", error?.Message ?? response.ReasonPhrase ?? "", (int)response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<T>(MeiliJson.Options, cancellationToken)
            ?? throw new MeilisearchException("empty_response", $"{method} {path} answered without a body");
    }
}
