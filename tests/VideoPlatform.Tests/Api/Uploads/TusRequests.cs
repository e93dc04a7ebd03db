using System.Globalization;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>tus requests built by hand, so each test can get one header wrong.</summary>
internal static class TusRequests
{
    public static readonly Uri Endpoint = new("/api/uploads", UriKind.Relative);

    /// <summary>A video owned by the client's user, created through the Api.</summary>
    public static async Task<string> CreateVideoAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/videos", new { title = "t" });
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    public static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    public static HttpRequestMessage Create(long length, string? metadata)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        if (metadata is not null)
        {
            request.Headers.Add("Upload-Metadata", metadata);
        }

        return request;
    }

    public static HttpRequestMessage Patch(Uri upload, long offset, HttpContent body, string? checksum = null)
    {
        body.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = body };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        if (checksum is not null)
        {
            request.Headers.Add("Upload-Checksum", checksum);
        }

        return request;
    }

    public static HttpRequestMessage Patch(Uri upload, long offset, byte[] bytes, string? checksum = null) =>
        Patch(upload, offset, new ByteArrayContent(bytes), checksum);

    public static HttpRequestMessage Head(Uri upload)
    {
        var request = new HttpRequestMessage(HttpMethod.Head, upload);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    public static HttpRequestMessage Delete(Uri upload)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, upload);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    /// <summary>Creates an upload for a fresh video; returns the video id and the upload URL.</summary>
    public static async Task<(string VideoId, Uri Upload)> CreateUploadAsync(HttpClient client, PlatformClusterFixture cluster, long length)
    {
        var videoId = await CreateVideoAsync(client);
        using var response = await client.SendAsync(Create(length, Metadata(("videoId", videoId), ("filename", "clip.mp4"))));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (videoId, response.Headers.Location!);
    }

    public static async Task<long> OffsetAsync(HttpClient client, Uri upload)
    {
        using var response = await client.SendAsync(Head(upload));
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public static async Task<byte[]?> ReadStoredAsync(PlatformClusterFixture cluster, string key)
    {
        var store = new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System);
        await using var content = await store.GetAsync(key);
        if (content is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static Task<VideoDetails?> VideoAsync(PlatformClusterFixture cluster, string videoId) =>
        cluster.Client.GetGrain<IVideoGrain>(videoId).Get();
}
