using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;

namespace VideoPlatform.Tests.Infrastructure.Storage;

[Trait("Category", "Unit")]
public sealed class FileSystemObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vp-fsstore-{Guid.NewGuid():N}");

    protected override Task<IObjectStore> CreateStoreAsync() =>
        Task.FromResult<IObjectStore>(new FileSystemObjectStore(_root, TimeProvider.System));

    /// <summary>Anything on disk besides stored objects: staging files, upload folders, orphaned metadata.</summary>
    protected override IReadOnlyList<string> SideFiles()
    {
        var staging = Path.Combine(_root, ".staging");
        var stagingEntries = Directory.Exists(staging)
            ? Directory.EnumerateFileSystemEntries(staging, "*", SearchOption.AllDirectories).Where(p => p != Path.Combine(staging, "multipart"))
            : [];
        var meta = Path.Combine(_root, ".meta");
        var metaFiles = Directory.Exists(meta) ? Directory.EnumerateFiles(meta, "*", SearchOption.AllDirectories) : [];
        return [.. stagingEntries, .. metaFiles];
    }

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
