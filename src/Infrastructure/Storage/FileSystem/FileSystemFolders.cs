using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

/// <summary>Folder upkeep: a put creates parent folders, a delete prunes the ones it leaves empty.</summary>
internal static class FileSystemFolders
{
    private const int Attempts = 4;

    /// <summary>
    /// Renames <paramref name="source"/> onto <paramref name="target"/>, creating parents. A concurrent delete may
    /// prune a parent between the two steps, hence the retry.
    /// </summary>
    public static void MoveInto(string source, string target, string key)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (Directory.Exists(target))
            {
                throw new InvalidObjectKeyException(key, "already a prefix of other objects (a folder on the file system)");
            }

            var parent = Path.GetDirectoryName(target)!;
            try
            {
                Directory.CreateDirectory(parent);
                File.Move(source, target, overwrite: true);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < Attempts)
            {
            }
            catch (IOException) when (HasFileAncestor(parent))
            {
                throw new InvalidObjectKeyException(key, "extends another object's key (a file on the file system)");
            }
        }
    }

    /// <summary>Removes <paramref name="folder"/> and its ancestors below <paramref name="stopAt"/> while they are empty.</summary>
    public static void PruneEmpty(string? folder, string stopAt)
    {
        while (folder is not null && folder.Length > stopAt.Length && folder.StartsWith(stopAt, StringComparison.Ordinal))
        {
            try
            {
                Directory.Delete(folder, recursive: false);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
                return; // not empty (or just refilled by a put): that is where pruning stops
            }

            folder = Path.GetDirectoryName(folder);
        }
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static bool HasFileAncestor(string folder)
    {
        for (var current = folder; current is not null; current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                return true;
            }
        }

        return false;
    }
}
