using System.Security.Cryptography;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

public sealed partial class FileSystemObjectStore : IAppendableObjectStore
{
    public async Task<long> AppendAsync(string key, long offset, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var path = _layout.ObjectPath(key);
        if (offset == 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        FileStream file;
        try
        {
            file = new FileStream(path, offset == 0 ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.Write, FileShare.Read | FileShare.Delete, 1, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"Cannot append to '{key}' at {offset}: the object does not exist", ex);
        }

        await using (file)
        {
            if (file.Length < offset)
            {
                throw new InvalidOperationException($"Cannot append to '{key}' at {offset}: the object holds only {file.Length} bytes");
            }

            // Only cut when there is something to cut: on ext4, truncating a file to zero bytes (even a new, empty one)
            // makes its close start writeback of everything written since, on this request's thread (auto_da_alloc).
            if (file.Length > offset)
            {
                file.SetLength(offset);
            }

            file.Seek(offset, SeekOrigin.Begin);
            // The metadata describes a published object; an appended one derives its ETag from length and time.
            FileSystemFolders.DeleteQuietly(_layout.MetaPath(key));
            // CopyToAsync, not a read loop: a request body stream can then write its received segments straight in.
            await content.CopyToAsync(file, HashingCopy.BufferSize, cancellationToken);
            return file.Length;
        }
    }

    public async Task<ObjectInfo> MoveAsync(string key, string targetKey, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(targetKey);
        var source = _layout.ObjectPath(key);
        var staged = _layout.NewStagingFile();
        try
        {
            File.Move(source, staged);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"Cannot move '{key}': the object does not exist", ex);
        }

        try
        {
            FileSystemFolders.PruneEmpty(Path.GetDirectoryName(source), _layout.Objects);
            // Appended bytes were never hashed as a whole; a fresh random tag still changes whenever the content does.
            return await PublishAsync(targetKey, staged, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), contentType, cancellationToken);
        }
        finally
        {
            FileSystemFolders.DeleteQuietly(staged);
        }
    }
}
