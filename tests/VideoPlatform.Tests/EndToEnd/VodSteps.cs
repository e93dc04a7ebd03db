using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage;
using VideoPlatform.Tests.Fixtures;

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

    /// <summary>Stores the file as the video's source and reports the upload complete (as the upload paths do).</summary>
    public static async Task LandSourceAsync(PlatformClusterFixture cluster, IObjectStore store, string videoId, string file)
    {
        var key = $"raw/{videoId}/source";
        await using (var stream = File.OpenRead(file))
        {
            await store.PutAsync(key, stream);
        }

        await cluster.Client.GetGrain<IVideoGrain>(videoId).CompleteUpload(new UploadedSource(key, new FileInfo(file).Length, Path.GetFileName(file), null));
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
