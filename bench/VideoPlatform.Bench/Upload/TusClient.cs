using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace VideoPlatform.Bench.Upload;

/// <summary>A minimal tus 1.0 client: creation (POST), then PATCH chunks of 8 MiB, checking the server's offset.</summary>
public sealed class TusClient(HttpClient http)
{
    public const int ChunkSize = 8 << 20;

    public async Task<Uri> UploadAsync(string file, IReadOnlyDictionary<string, string> metadata)
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
        var buffer = new byte[ChunkSize];
        await using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        long offset = 0;
        while (offset < length)
        {
            var read = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
            using var patch = new HttpRequestMessage(HttpMethod.Patch, location);
            patch.Headers.Add("Tus-Resumable", "1.0.0");
            patch.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            patch.Content = new ByteArrayContent(buffer, 0, read);
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
