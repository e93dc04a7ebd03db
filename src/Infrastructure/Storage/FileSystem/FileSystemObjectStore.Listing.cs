using System.Runtime.CompilerServices;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

public sealed partial class FileSystemObjectStore
{
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? _layout.Objects : _layout.ObjectPath(prefix[..slash]);
        foreach (var path in Walk(folder, prefix[(slash + 1)..]))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var data = new FileInfo(path);
            if (!data.Exists)
            {
                continue; // deleted while we walked
            }

            var key = _layout.KeyOf(path);
            yield return FileSystemMetadata.Describe(key, data.Length, data.LastWriteTimeUtc, ReadMetadata(key));
        }
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        var keys = new List<string>();
        await foreach (var info in ListAsync(prefix, cancellationToken))
        {
            keys.Add(info.Key);
        }

        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await DeleteAsync(key, cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>
    /// Depth-first, each folder's entries sorted with folders as "name/": that yields keys in ordinal order
    /// ("a-b" before "a/b" because '-' &lt; '/'), the order S3 lists in, without collecting the whole tree.
    /// Empty folders simply yield nothing.
    /// </summary>
    private static IEnumerable<string> Walk(string folder, string namePrefix)
    {
        var entries = Entries(folder)
            .Where(e => e.Name.StartsWith(namePrefix, StringComparison.Ordinal))
            .Select(e => (Entry: e, SortKey: e is DirectoryInfo ? e.Name + "/" : e.Name))
            .OrderBy(e => e.SortKey, StringComparer.Ordinal);
        foreach (var (entry, _) in entries)
        {
            if (entry is DirectoryInfo)
            {
                foreach (var nested in Walk(entry.FullName, ""))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return entry.FullName;
            }
        }
    }

    private static FileSystemInfo[] Entries(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).GetFileSystemInfos();
        }
        catch (IOException)
        {
            return []; // absent, pruned meanwhile, or a file where the prefix expects a folder
        }
    }
}
