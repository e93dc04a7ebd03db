using VideoPlatform.Infrastructure.Storage.FileSystem;

namespace VideoPlatform.Tests.Infrastructure.Storage;

/// <summary>/readyz asks the store every few seconds: the FileSystem check reads and never writes.</summary>
[Trait("Category", "Unit")]
public sealed class FileSystemReadinessTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string parent = Path.Combine(Path.GetTempPath(), $"vp-ready-{Guid.NewGuid():N}");

    [Fact]
    public async Task Check_StoreInUse_WritesNothing()
    {
        var store = new FileSystemObjectStore(Path.Combine(parent, "store"), TimeProvider.System);
        await store.PutAsync("a/b", new MemoryStream([1, 2, 3]));
        var folders = Directory.GetDirectories(parent, "*", SearchOption.AllDirectories).Append(parent).ToList();
        // Any file made or removed inside a folder moves its modification time off this date.
        folders.ForEach(f => Directory.SetLastWriteTimeUtc(f, LongAgo));

        for (var i = 0; i < 3; i++)
        {
            await store.CheckAsync();
        }

        Assert.All(folders, f => Assert.Equal(LongAgo, Directory.GetLastWriteTimeUtc(f)));
    }

    [Fact]
    public async Task Check_RootNotCreatedYet_IsHealthy()
    {
        Directory.CreateDirectory(parent);
        var store = new FileSystemObjectStore(Path.Combine(parent, "later", "store"), TimeProvider.System);

        await store.CheckAsync();

        Assert.False(Directory.Exists(Path.Combine(parent, "later")));
    }

    [Fact]
    public async Task Check_RootIsAFile_Throws()
    {
        Directory.CreateDirectory(parent);
        var root = Path.Combine(parent, "file");
        await File.WriteAllTextAsync(root, "x");

        await Assert.ThrowsAsync<IOException>(() => new FileSystemObjectStore(root, TimeProvider.System).CheckAsync());
    }

    public void Dispose()
    {
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
