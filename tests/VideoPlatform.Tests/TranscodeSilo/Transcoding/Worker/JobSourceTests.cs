using System.Diagnostics;
using System.Security.Cryptography;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding.Worker;

/// <summary>A job's source from each kind of store: the FileSystem store lends its own file, S3 (s3rver) is downloaded.</summary>
[Trait("Category", "Integration")]
public sealed class JobSourceTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>, IDisposable
{
    private const string Key = "raw/vid1/source";
    private static readonly byte[] Data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

    private readonly TempFolder folder = new("vp-job-source");

    private string Work => Directory.CreateDirectory(Path.Combine(folder.Path, "work")).FullName;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task OpenAsync_FileSystemStore_LendsItsOwnFileAndHashesIt()
    {
        var store = new FileSystemObjectStore(Path.Combine(folder.Path, "store"), TimeProvider.System);
        await store.PutAsync(Key, new MemoryStream(Data));

        var source = await JobSource.OpenAsync(store, Key, Work, CancellationToken.None);

        Assert.Equal(store.LocalFile(Key), source.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Data)), await source.Sha256);
        Assert.Empty(Directory.GetFileSystemEntries(Work));
    }

    [Fact]
    public async Task OpenAsync_FileSystemStore_ReturnsBeforeTheHashIsDone()
    {
        // The stored object is a named pipe: nothing can hash it before this test writes into it. Were the hash awaited
        // before the probe and the encode could start, OpenAsync would not return.
        var store = new FileSystemObjectStore(Path.Combine(folder.Path, "store"), TimeProvider.System);
        await store.PutAsync(Key, new MemoryStream([0]));
        var path = store.LocalFile(Key)!;
        File.Delete(path);
        await MakeFifoAsync(path);

        var opening = JobSource.OpenAsync(store, Key, Work, CancellationToken.None);
        var first = await Task.WhenAny(opening, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(opening, first);
        var source = await opening;
        Assert.False(source.Sha256.IsCompleted);

        await File.WriteAllBytesAsync(path, Data);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Data)), await source.Sha256.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task OpenAsync_S3Store_DownloadsIntoTheJobFolderAndHashesOnTheWay()
    {
        var store = await s3rver.CreateStoreInNewBucketAsync();
        await store.PutAsync(Key, new MemoryStream(Data));

        var source = await JobSource.OpenAsync(store, Key, Work, CancellationToken.None);

        Assert.Equal(Path.Combine(Work, "source"), source.Path);
        Assert.Equal(Data, await File.ReadAllBytesAsync(source.Path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Data)), await source.Sha256);
    }

    [Fact]
    public async Task OpenAsync_MissingObject_IOExceptionFromEitherStore()
    {
        var local = new FileSystemObjectStore(Path.Combine(folder.Path, "store"), TimeProvider.System);
        var remote = await s3rver.CreateStoreInNewBucketAsync();

        await Assert.ThrowsAsync<IOException>(() => JobSource.OpenAsync(local, Key, Work, CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => JobSource.OpenAsync(remote, Key, Work, CancellationToken.None));
    }

    private static async Task MakeFifoAsync(string path)
    {
        var start = new ProcessStartInfo("mkfifo") { ArgumentList = { path } };
        using var mkfifo = Process.Start(start)!;
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
