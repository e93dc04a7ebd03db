using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>The owner's account and fresh resources of the owner for each request of the matrix.</summary>
internal sealed class MatrixContext(TestUser owner)
{
    public string OwnerId => owner.Id;

    public string OwnerName => owner.Username;

    public string Password => owner.Password;

    public async Task<string> VideoAsync(string visibility = "public")
    {
        using var response = await owner.Client.PostAsJsonAsync("/api/videos", new { title = "matrix", visibility });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<string> ChannelAsync()
    {
        using var response = await owner.Client.PostAsJsonAsync("/api/channels", new { name = "matrix" });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    public static readonly object NewWebhook = new { url = "https://93.184.216.34/matrix", events = new[] { "video.ready" } };

    public async Task<string> WebhookAsync()
    {
        using var response = await owner.Client.PostAsJsonAsync("/api/webhooks", NewWebhook);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<string> UploadAsync()
    {
        var videoId = await VideoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", $"videoId {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(videoId))}");
        using var response = await owner.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.Location!.OriginalString;
    }
}
