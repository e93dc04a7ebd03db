using System.Text.Json;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

/// <summary>
/// What a content file cannot say about itself. It records the length and mtime of the content it
/// describes: a put renames content and metadata one after the other, so a reader can catch the two
/// out of step and then falls back to a stat-derived ETag rather than trusting a stale one.
/// </summary>
internal sealed record FileSystemMetadata(string ETag, string ContentType, long Length, long ModifiedTicks)
{
    public const string DefaultContentType = "application/octet-stream";

    public static async Task WriteAsync(string path, FileSystemMetadata metadata, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await JsonSerializer.SerializeAsync(file, metadata, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Null when the file is missing or unreadable. Read synchronously: a few hundred bytes, read on every GET, where an
    /// async read costs a thread-pool hop and two buffers more than the system calls themselves.
    /// </summary>
    public static FileSystemMetadata? Read(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var bytes = new byte[RandomAccess.GetLength(file)];
            var read = RandomAccess.Read(file, bytes, 0);
            return JsonSerializer.Deserialize<FileSystemMetadata>(bytes.AsSpan(0, read));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    public static ObjectInfo Describe(string key, long length, DateTime modifiedUtc, FileSystemMetadata? metadata)
    {
        var modified = new DateTimeOffset(modifiedUtc.Ticks, TimeSpan.Zero);
        return metadata is not null && metadata.Length == length && metadata.ModifiedTicks == modifiedUtc.Ticks
            ? new ObjectInfo(key, length, metadata.ETag, modified, metadata.ContentType)
            : new ObjectInfo(key, length, $"{length:x}-{modifiedUtc.Ticks:x}", modified, null);
    }
}
