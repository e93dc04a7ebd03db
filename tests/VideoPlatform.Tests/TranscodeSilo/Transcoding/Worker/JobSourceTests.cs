using System.Security.Cryptography;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding.Worker;

/// <summary>A job's source from each kind of store: the FileSystem store lends its own file, S3 (s3rver) is downloaded.</summary>
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
}
