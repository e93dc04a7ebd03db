using System.Text.Json;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

/// <summary>The manifest of an unfinished multipart upload, stored in its staging folder.</summary>
internal sealed record FileSystemUpload(string Key, string ContentType)
{
    private const string ManifestName = "upload.json";

    public static string PartPath(string folder, int partNumber) => Path.Combine(folder, $"part-{partNumber:D5}");

    public static async Task CreateAsync(string folder, FileSystemUpload upload, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await using var file = new FileStream(Path.Combine(folder, ManifestName), FileMode.CreateNew, FileAccess.Write);
        await JsonSerializer.SerializeAsync(file, upload, cancellationToken: cancellationToken);
    }

    /// <summary>The upload in <paramref name="folder"/> if it exists and is for <paramref name="key"/>.</summary>
    public static async Task<FileSystemUpload> OpenAsync(string? folder, string key, string uploadId, CancellationToken cancellationToken)
    {
        FileSystemUpload? upload = null;
        if (folder is not null)
        {
            try
            {
                await using var file = new FileStream(Path.Combine(folder, ManifestName), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
                upload = await JsonSerializer.DeserializeAsync<FileSystemUpload>(file, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
            {
            }
        }

        return upload is not null && upload.Key == key ? upload : throw new MultipartUploadNotFoundException(key, uploadId);
    }
}
