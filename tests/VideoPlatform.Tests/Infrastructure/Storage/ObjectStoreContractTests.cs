using VideoPlatform.Storage;
using static VideoPlatform.Tests.Infrastructure.Storage.StoreData;

namespace VideoPlatform.Tests.Infrastructure.Storage;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> must share. Each test gets an empty store; the derived classes
/// (FileSystem, S3 on a real s3rver) only say how to make one. Here: put, get and head of whole objects; byte
/// ranges, listing and deleting by prefix, and multipart uploads in the ObjectStoreContractTests.*.cs files beside it.
/// </summary>
public abstract partial class ObjectStoreContractTests : IAsyncLifetime
{
    private IObjectStore? _store;

    protected IObjectStore Store => _store ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Whatever the store keeps on the side that should be gone once nothing is stored (FileSystem staging).</summary>
    protected virtual IReadOnlyList<string> SideFiles() => [];

    [Fact]
    public async Task GetAndHead_MissingKey_ReturnNull()
    {
        Assert.Null(await Store.GetAsync("nothing/here"));
        Assert.Null(await Store.GetAsync("nothing/here", new ByteRange(0, 10)));
        Assert.Null(await Store.GetAsync("nothing/here", new ByteRange(null, 10)));
        Assert.Null(await Store.HeadAsync("nothing/here"));
    }

    [Fact]
    public async Task Head_AfterPut_ReportsLengthETagAndContentType()
    {
        var put = await PutAsync(Store, "vod/v1/hls/master.m3u8", "#EXTM3U\n"u8.ToArray(), "application/vnd.apple.mpegurl");
        var other = await PutAsync(Store, "vod/v1/hls/other.bin", Random(8));

        var head = await Store.HeadAsync("vod/v1/hls/master.m3u8");

        Assert.NotNull(head);
        Assert.Equal(8, head.Length);
        Assert.Equal(put.ETag, head.ETag);
        Assert.False(string.IsNullOrEmpty(head.ETag));
        Assert.DoesNotContain('"', head.ETag);
        Assert.NotEqual(other.ETag, head.ETag);
        Assert.Equal("application/vnd.apple.mpegurl", head.ContentType);
        Assert.Equal("application/octet-stream", (await Store.HeadAsync("vod/v1/hls/other.bin"))!.ContentType);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(8 * MiB)]
    [InlineData(20 * MiB + 7)]
    public async Task Put_NonSeekableStream_StoresEveryByte(int length)
    {
        var data = Random(length);

        var info = await Store.PutAsync("raw/stream/source", new NonSeekableStream(data), "video/webm");

        Assert.Equal(length, info.Length);
        Assert.Equal(data, await ReadAllAsync((await Store.GetAsync("raw/stream/source"))!));
        var head = await Store.HeadAsync("raw/stream/source");
        Assert.Equal(length, head!.Length);
        Assert.Equal("video/webm", head.ContentType);
        Assert.Equal(info.ETag, head.ETag);
    }

    [Fact]
    public async Task Put_SeekableStreamNotAtItsStart_StoresFromTheCurrentPosition()
    {
        var data = Random(100);
        var stream = new MemoryStream(data) { Position = 40 };

        var info = await Store.PutAsync("a/tail", stream);

        Assert.Equal(60, info.Length);
        Assert.Equal(data[40..], await ReadAllAsync((await Store.GetAsync("a/tail"))!));
    }

    [Fact]
    public async Task Put_Overwrite_ReplacesContentAndChangesETag()
    {
        var first = await PutAsync(Store, "thumbs/v1/0.jpg", "first!"u8.ToArray(), "image/jpeg");

        var second = await PutAsync(Store, "thumbs/v1/0.jpg", "second"u8.ToArray(), "image/png");

        Assert.NotEqual(first.ETag, second.ETag);
        var head = await Store.HeadAsync("thumbs/v1/0.jpg");
        Assert.Equal(second.ETag, head!.ETag);
        Assert.Equal("image/png", head.ContentType);
        Assert.Equal("second"u8.ToArray(), await ReadAllAsync((await Store.GetAsync("thumbs/v1/0.jpg"))!));
        Assert.Single(await ListAsync(Store, ""));
    }

    [Fact]
    public async Task Check_ReachableStore_Succeeds()
    {
        await Store.CheckAsync();
        Assert.Empty(SideFiles());
    }
}
