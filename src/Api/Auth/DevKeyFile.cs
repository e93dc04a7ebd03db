using System.Security.Cryptography;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// A development signing key in a file only its owner may read or write (0600), created with random bytes on first
/// use. Every host started from the same data folder (as <c>./vp up</c> does) finds the same key.
/// </summary>
public static class DevKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static byte[] ReadOrCreate(string path, int bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            var key = RandomNumberGenerator.GetBytes(bytes);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = OwnerOnly;
            }

            using (var file = new FileStream(full, create))
            {
                file.Write(key);
            }

            return key;
        }
        catch (IOException) when (File.Exists(full))
        {
            // Made by an earlier start (or another host at the same moment): use it, and keep it owner-only.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(full, OwnerOnly);
            }

            var key = File.ReadAllBytes(full);
            return key.Length >= bytes ? key : throw new InvalidOperationException($"the dev key file '{full}' holds {key.Length} bytes; delete it to make a new one");
        }
    }
}
