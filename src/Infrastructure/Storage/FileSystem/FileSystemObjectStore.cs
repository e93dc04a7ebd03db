using System.Security.Cryptography;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

/// <summary>
/// Objects as plain files under a root folder (layout: <see cref="FileSystemLayout"/>). Writes go to a staging
/// file first and are renamed into place, so readers see the old object or the new one, never a partial one.
/// ETag: the first 128 bits of the content's SHA-256, computed while streaming and kept in the metadata file.
/// A key cannot be both an object and a prefix of other objects here ("a" and "a/b"), unlike on S3.
/// </summary>
public sealed partial class FileSystemObjectStore(string root, TimeProvider time) : IObjectStore
{
    private readonly FileSystemLayout _layout = new(root);

    public string Root => _layout.Root;

    public async Task<ObjectInfo> PutAsync(string key, Stream content, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        var temp = _layout.NewStagingFile();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = CreateStagingFile(temp))
            {
                await HashingCopy.CopyAsync(content, file, null, [hash], cancellationToken);
            }

            return await PublishAsync(key, temp, HashingCopy.ETagOf(hash), contentType, cancellationToken);
        }
        finally
        {
            FileSystemFolders.DeleteQuietly(temp);
        }
    }

    public async Task<ObjectContent?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var path = _layout.ObjectPath(key);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException && !File.Exists(path))
        {
            return null;
        }

        try
        {
            // Stat the open handle, not the path: a concurrent put may already have renamed a new file there.
            var info = FileSystemMetadata.Describe(
                key, file.Length, File.GetLastWriteTimeUtc(file.SafeFileHandle), ReadMetadata(key));
            if (range is not { } r)
            {
                return new ObjectContent(info, file, 0, info.Length, file.SafeFileHandle);
            }

            var (offset, length) = r.Resolve(key, info.Length);
            file.Seek(offset, SeekOrigin.Begin);
            return new ObjectContent(info, new BoundedReadStream(file, length), offset, length, file.SafeFileHandle);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        var data = new FileInfo(_layout.ObjectPath(key));
        return Task.FromResult(data.Exists
            ? FileSystemMetadata.Describe(key, data.Length, data.LastWriteTimeUtc, ReadMetadata(key))
            : null);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = _layout.ObjectPath(key);
        var existed = File.Exists(path);
        FileSystemFolders.DeleteQuietly(path);
        FileSystemFolders.PruneEmpty(Path.GetDirectoryName(path), _layout.Objects);
        var metaPath = _layout.MetaPath(key);
        FileSystemFolders.DeleteQuietly(metaPath);
        FileSystemFolders.PruneEmpty(Path.GetDirectoryName(metaPath), _layout.Meta);
        return Task.FromResult(existed);
    }

    /// <summary>
    /// Readiness is asked every few seconds, so it writes nothing: the root (created on the first write) or, before
    /// that, its nearest existing ancestor must be a folder.
    /// </summary>
    public Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var path = _layout.Root;
        while (!Directory.Exists(path))
        {
            if (File.Exists(path) || Path.GetDirectoryName(path) is not { } parent)
            {
                throw new IOException($"The object store's root '{_layout.Root}' is not a folder");
            }

            path = parent;
        }

        return Task.CompletedTask;
    }

    private static FileStream CreateStagingFile(string path) =>
        new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);

    private FileSystemMetadata? ReadMetadata(string key) => FileSystemMetadata.Read(_layout.MetaPath(key));

    /// <summary>Stamps the staged content with the clock, writes its metadata, and renames both into place.</summary>
    private async Task<ObjectInfo> PublishAsync(string key, string staged, string etag, string? contentType, CancellationToken cancellationToken)
    {
        File.SetLastWriteTimeUtc(staged, time.GetUtcNow().UtcDateTime);
        // Read back what the file system kept: it may round the clock to its own precision.
        var modified = File.GetLastWriteTimeUtc(staged);
        var length = new FileInfo(staged).Length;
        var metadata = new FileSystemMetadata(etag, contentType ?? FileSystemMetadata.DefaultContentType, length, modified.Ticks);
        var metaTemp = _layout.NewStagingFile();
        try
        {
            await FileSystemMetadata.WriteAsync(metaTemp, metadata, cancellationToken);
            FileSystemFolders.MoveInto(staged, _layout.ObjectPath(key), key);
            FileSystemFolders.MoveInto(metaTemp, _layout.MetaPath(key), key);
        }
        finally
        {
            FileSystemFolders.DeleteQuietly(metaTemp);
        }

        return FileSystemMetadata.Describe(key, length, modified, metadata);
    }
}
