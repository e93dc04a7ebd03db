using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace VideoPlatform.Bench.Upload;

/// <summary>
/// A minimal tus 1.0 client: creation (POST), then PATCHes checking the server's offset. With no chunk size the
/// whole file goes in one streamed PATCH, as tus-js-client, Uppy and tuspy send by default; a chunk size makes it
/// behave like a client configured for proxies that cap request bodies.
/// </summary>
public sealed class TusClient(HttpClient http)
{
    public const int ChunkSize = 8 << 20;

    public async Task<Uri> UploadAsync(string file, IReadOnlyDictionary<string, string> metadata, int? chunkSize = null)
    {
        var length = new FileInfo(file).Length;
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/uploads", UriKind.Relative));
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        create.Headers.Add("Upload-Metadata", string.Join(',', metadata.Select(m => $"{m.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(m.Value))}")));
        create.Content = new ByteArrayContent([]);
        using var created = await http.SendAsync(create);
        if (created.StatusCode != HttpStatusCode.Created || created.Headers.Location is null)
        {
            throw new InvalidOperationException($"tus creation answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        var location = created.Headers.Location.IsAbsoluteUri ? created.Headers.Location : new Uri(http.BaseAddress!, created.Headers.Location);
        await using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        var buffer = chunkSize is { } size ? new byte[size] : null;
        long offset = 0;
        while (offset < length)
        {
            using var patch = new HttpRequestMessage(HttpMethod.Patch, location);
            patch.Headers.Add("Tus-Resumable", "1.0.0");
            patch.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            var read = buffer is null ? length : await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
            patch.Content = buffer is null ? new StreamContent(source, 1 << 20) : new ByteArrayContent(buffer, 0, (int)read);
            patch.Content.Headers.ContentLength = read;
            patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            using var response = await http.SendAsync(patch);
            var next = response.Headers.TryGetValues("Upload-Offset", out var values) ? long.Parse(values.First(), CultureInfo.InvariantCulture) : -1;
            if (response.StatusCode != HttpStatusCode.NoContent || next != offset + read)
            {
                throw new InvalidOperationException($"tus PATCH at {offset} answered {(int)response.StatusCode}, offset {next}: {await response.Content.ReadAsStringAsync()}");
            }

            offset = next;
        }

        return location;
    }
}
