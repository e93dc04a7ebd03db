using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

/// <summary>
/// Where things live under the root: <c>objects/{key}</c> holds plain content (one file per key),
/// <c>.meta/{key}</c> its metadata, <c>.staging/</c> temp files and <c>.staging/multipart/{uploadId}/</c> parts.
/// Keeping content in its own tree means no key can collide with the store's own files.
/// </summary>
internal sealed class FileSystemLayout
{
    public FileSystemLayout(string root)
    {
        Root = Path.GetFullPath(root);
        Objects = Path.Combine(Root, "objects");
        Meta = Path.Combine(Root, ".meta");
        Staging = Path.Combine(Root, ".staging");
        Uploads = Path.Combine(Staging, "multipart");
    }

    public string Root { get; }
    public string Objects { get; }
    public string Meta { get; }
    public string Staging { get; }
    public string Uploads { get; }

    public string ObjectPath(string key) => Inside(Objects, key);

    public string MetaPath(string key) => Inside(Meta, key);

    /// <summary>The folder of an upload; the id is ours (32 hex digits), so anything else is simply unknown.</summary>
    public string? UploadFolder(string uploadId) =>
        uploadId.Length == 32 && Guid.TryParseExact(uploadId, "N", out _) ? Path.Combine(Uploads, uploadId) : null;

    public string NewStagingFile()
    {
        Directory.CreateDirectory(Staging);
        return Path.Combine(Staging, $"{Guid.NewGuid():N}.tmp");
    }

    public string KeyOf(string objectPath) =>
        Path.GetRelativePath(Objects, objectPath).Replace(Path.DirectorySeparatorChar, '/');

    private static string Inside(string folder, string key)
    {
        ObjectKey.Validate(key);
        // Validation already rules out escapes; this is the belt to its braces.
        var full = Path.GetFullPath(Path.Join(folder, key));
        return full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidObjectKeyException(key, "resolves outside the store root");
    }
}
