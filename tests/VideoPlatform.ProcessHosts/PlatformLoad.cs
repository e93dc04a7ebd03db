using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatform.ProcessHosts;

/// <summary>
/// Keeps uploading a small clip (create + PUT source) and playing (metadata, then the master playlist of a ready video)
/// through the Api, recording every request. An upload is acknowledged when its PUT answered 202.
/// </summary>
public sealed class PlatformLoad : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly byte[] clip;
    private readonly TimeSpan uploadEvery;
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> created = [];
    private readonly List<string> acknowledged = [];
    private Task running = Task.CompletedTask;

    private PlatformLoad(HttpClient http, byte[] clip, TimeSpan uploadEvery)
    {
        this.http = http;
        this.clip = clip;
        this.uploadEvery = uploadEvery;
    }

    public LoadRecord Record { get; } = new();

    /// <summary>Every video the load created (acknowledged or not).</summary>
    public IReadOnlyList<string> Created { get { lock (created) { return [.. created]; } } }

    public IReadOnlyList<string> Acknowledged { get { lock (acknowledged) { return [.. acknowledged]; } } }

    public HttpClient Http => http;

    /// <summary>Registers an account and signs it in; the load then runs until disposed.</summary>
    public static async Task<PlatformLoad> StartAsync(Uri api, string clipFile, TimeSpan uploadEvery, int players)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        var name = $"load{Guid.NewGuid():N}"[..16];
        const string password = "correct-horse-battery-staple";
        (await http.PostAsJsonAsync("/api/auth/register", new { username = name, email = $"{name}@example.com", password })).EnsureSuccessStatusCode();
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username = name, password });
        login.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var load = new PlatformLoad(http, await File.ReadAllBytesAsync(clipFile), uploadEvery);
        load.running = Task.WhenAll([load.UploadLoopAsync(), .. Enumerable.Range(0, players).Select(load.PlayLoopAsync)]);
        return load;
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
        http.Dispose();
    }

    /// <summary>The status of each video, read through the Api.</summary>
    public async Task<Dictionary<string, string>> StatusesAsync(IEnumerable<string> ids)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            using var response = await http.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
            statuses[id] = response.IsSuccessStatusCode
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString() ?? "?"
                : $"http {(int)response.StatusCode}";
        }

        return statuses;
    }

    private async Task UploadLoopAsync()
    {
        using var timer = new PeriodicTimer(uploadEvery);
        do
        {
            var id = await SendAsync("create", () => http.PostAsJsonAsync("/api/videos", new { title = "load" }), HttpStatusCode.Created, IdOf);
            if (id is null)
            {
                continue;
            }

            lock (created)
            {
                created.Add(id);
            }

            using var content = new ByteArrayContent(clip);
            content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            if (await SendAsync("upload", () => http.PutAsync(new Uri($"/api/videos/{id}/source", UriKind.Relative), content), HttpStatusCode.Accepted, _ => Task.FromResult<string?>(id)) is not null)
            {
                lock (acknowledged)
                {
                    acknowledged.Add(id);
                }
            }
        }
        while (await Tick(timer));
    }

    private async Task PlayLoopAsync(int player)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var random = new Random(player);
        while (await Tick(timer))
        {
            var ids = Acknowledged;
            if (ids.Count == 0)
            {
                continue;
            }

            var id = ids[random.Next(ids.Count)];
            var status = await SendAsync("metadata", () => http.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative)), HttpStatusCode.OK, StatusOf);
            if (status == "ready")
            {
                await SendAsync("playlist", () => http.GetAsync(new Uri($"/play/{id}/master.m3u8", UriKind.Relative)), HttpStatusCode.OK, _ => Task.FromResult<string?>(""));
            }
        }
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One request: recorded as ok when it answered <paramref name="expected"/>, as failed on anything else.</summary>
    private async Task<string?> SendAsync(string what, Func<Task<HttpResponseMessage>> send, HttpStatusCode expected, Func<HttpResponseMessage, Task<string?>> read)
    {
        var sent = Record.Now;
        try
        {
            using var response = await send();
            var ok = response.StatusCode == expected;
            Record.Add(sent, what, ok, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return ok ? await read(response) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            if (stop.IsCancellationRequested)
            {
                return null; // cut short by the end of the load, not by the platform
            }

            Record.Add(sent, what, false, ex.GetType().Name);
            return null;
        }
    }

    private static async Task<string?> IdOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

    private static async Task<string?> StatusOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
}
