using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>Steps shared by the end-to-end VOD tests: create through the Api, land bytes, wait for a status.</summary>
public static class VodSteps
{
    public static async Task<string> CreateAsync(HttpClient http, string title = "clip")
    {
        var response = await http.PostAsJsonAsync("/api/videos", new { title, description = "e2e", tags = new[] { "test" } });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Sends the whole file with PUT /api/videos/{id}/source, the one-request upload path.</summary>
    public static async Task PutSourceAsync(HttpClient http, string videoId, string file)
    {
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new("video/mp4");
        var response = await http.PutAsync(new Uri($"/api/videos/{videoId}/source", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"PUT source: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> WaitForStatusAsync(HttpClient http, string videoId, string status, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JsonElement video = default;
        while (!deadline.IsCancellationRequested)
        {
            video = JsonDocument.Parse(await http.GetStringAsync($"/api/videos/{videoId}")).RootElement;
            var current = video.GetProperty("status").GetString();
            if (current == status || current is "failed" or "deleted")
            {
                return video;
            }

            await Task.Delay(250);
        }

        var job = await http.GetStringAsync($"/api/admin/transcode/jobs/{videoId}");
        var queue = await http.GetStringAsync("/api/admin/transcode");
        Assert.Fail($"video {videoId} did not reach {status}: {video}; job {job}; queue {queue}");
        return video;
    }
}
