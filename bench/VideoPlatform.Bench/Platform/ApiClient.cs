using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatform.Bench.Platform;

/// <summary>The few Api calls the suite makes, over loopback.</summary>
public sealed class ApiClient(Uri api) : IDisposable
{
    private static readonly string[] BenchTags = ["bench"];

    public HttpClient Http { get; } = new() { BaseAddress = api, Timeout = TimeSpan.FromMinutes(10) };

    public Uri BaseAddress => api;

    /// <summary>Registers a throwaway account and sends its access token with every later call.</summary>
    public async Task SignInAsync()
    {
        var username = $"bench{Guid.NewGuid():N}"[..20];
        const string password = "bench-password-long-enough";
        using var registered = await Http.PostAsJsonAsync(new Uri("/api/auth/register", UriKind.Relative), new { username, email = $"{username}@example.com", password });
        registered.EnsureSuccessStatusCode();
        using var login = await Http.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { username, password });
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        Http.DefaultRequestHeaders.Authorization = new("Bearer", body.RootElement.GetProperty("accessToken").GetString());
    }

    public async Task<string> CreateVideoAsync(string title)
    {
        using var response = await Http.PostAsJsonAsync(new Uri("/api/videos", UriKind.Relative), new { title, description = "benchmark", tags = BenchTags });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException("no video id");
    }

    /// <summary>A live channel that keeps no recording (a recording would start a transcode under later figures).</summary>
    public async Task<(string Id, string StreamKey)> CreateChannelAsync(string name)
    {
        using var response = await Http.PostAsJsonAsync(new Uri("/api/channels", UriKind.Relative), new { name, record = false });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException("no channel id"),
            body.RootElement.GetProperty("streamKey").GetString() ?? throw new InvalidOperationException("no stream key"));
    }

    /// <summary>The channel's current live session, or null while it is not live.</summary>
    public async Task<string?> LiveSessionAsync(string channelId)
    {
        using var body = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"/api/channels/{channelId}", UriKind.Relative)));
        return body.RootElement.TryGetProperty("live", out var live) && live.ValueKind == JsonValueKind.Object
            ? live.GetProperty("sessionId").GetString()
            : null;
    }

    public async Task<JsonElement> GetVideoAsync(string id)
    {
        var text = await Http.GetStringAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
        using var body = JsonDocument.Parse(text);
        return body.RootElement.Clone();
    }

    public async Task<string> StatusAsync(string id) => (await GetVideoAsync(id)).GetProperty("status").GetString() ?? "";

    public async Task DeleteVideoAsync(string id)
    {
        using var response = await Http.DeleteAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
    }

    /// <summary>Whether the Api documents an operation (the OpenAPI document lists every mapped route).</summary>
    public async Task<bool> HasOperationAsync(string path, string method)
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        return doc.RootElement.TryGetProperty("paths", out var paths)
            && paths.TryGetProperty(path, out var item)
            && item.TryGetProperty(method.ToLowerInvariant(), out _);
    }

    /// <summary>tus discovery: OPTIONS answers with Tus-Version when the endpoint exists.</summary>
    public async Task<bool> HasTusAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/uploads", UriKind.Relative));
        request.Headers.Add("Tus-Resumable", "1.0.0");
        using var response = await Http.SendAsync(request);
        return response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK && response.Headers.Contains("Tus-Version");
    }

    public void Dispose() => Http.Dispose();
}
