using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Storage;

[Trait("Category", "Unit")]
public sealed class FileSystemAppendTests : IDisposable
{
    private readonly TempFolder root = new("vp-append");
    private readonly FileSystemObjectStore store;

    public FileSystemAppendTests() => store = new FileSystemObjectStore(root.Path, TimeProvider.System);

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task AppendAsync_InSequence_GrowsTheObject()
    {
        var first = await store.AppendAsync("uploads/u/data", 0, new MemoryStream([1, 2, 3]));
        var second = await store.AppendAsync("uploads/u/data", 3, new MemoryStream([4, 5]));

        Assert.Equal(3, first);
        Assert.Equal(5, second);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, await ReadAsync("uploads/u/data"));
    }

    [Fact]
    public async Task AppendAsync_BeforeTheEnd_CutsUnacknowledgedBytes()
    {
        await store.AppendAsync("uploads/u/data", 0, new MemoryStream([1, 2, 3, 9, 9]));

        var length = await store.AppendAsync("uploads/u/data", 3, new MemoryStream([4]));

        Assert.Equal(4, length);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, await ReadAsync("uploads/u/data"));
    }

    [Fact]
    public async Task AppendAsync_AtZeroOverUnacknowledgedBytes_StartsAfresh()
    {
        await store.AppendAsync("uploads/u/data", 0, new MemoryStream([9, 9, 9]));

        var length = await store.AppendAsync("uploads/u/data", 0, new MemoryStream([1]));

        Assert.Equal(1, length);
        Assert.Equal(new byte[] { 1 }, await ReadAsync("uploads/u/data"));
    }

    [Fact]
    public async Task AppendAsync_PastTheEnd_Throws()
    {
        await store.AppendAsync("uploads/u/data", 0, new MemoryStream([1]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("uploads/u/data", 5, new MemoryStream([2])));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("uploads/none/data", 1, new MemoryStream([2])));
    }

    [Fact]
    public async Task AppendAsync_SourceFailsMidway_KeepsBytesReadBefore()
    {
        await store.AppendAsync("uploads/u/data", 0, new MemoryStream([1, 2]));

        await Assert.ThrowsAsync<IOException>(() => store.AppendAsync("uploads/u/data", 2, new FailingStream([3, 4, 5])));

        Assert.Equal(5, (await store.HeadAsync("uploads/u/data"))!.Length);
    }

    [Fact]
    public async Task MoveAsync_PublishesUnderTargetKeyAndRemovesSource()
    {
        await store.AppendAsync("uploads/u/data", 0, new MemoryStream([7, 8, 9]));

        var info = await store.MoveAsync("uploads/u/data", "raw/v/source", "video/mp4");

        Assert.Equal(3, info.Length);
        Assert.Equal("video/mp4", (await store.HeadAsync("raw/v/source"))!.ContentType);
        Assert.Equal(new byte[] { 7, 8, 9 }, await ReadAsync("raw/v/source"));
        Assert.Null(await store.HeadAsync("uploads/u/data"));
        Assert.False(Directory.Exists(Path.Combine(store.Root, "objects", "uploads")));
    }

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var content = await store.GetAsync(key);
        using var copy = new MemoryStream();
        await content!.Stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Yields its bytes, then fails like a dropped connection.</summary>
    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection reset");
    }
}
