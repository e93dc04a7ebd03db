using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

public sealed partial class FileSystemObjectStore : ILocalFileObjectStore
{
    public string? LocalFile(string key)
    {
        var path = _layout.ObjectPath(key);
        return File.Exists(path) ? path : null;
    }
}
