using VideoPlatform.Storage;
using static VideoPlatform.Tests.Infrastructure.Storage.StoreData;

namespace VideoPlatform.Tests.Infrastructure.Storage;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> must share. Each test gets an empty store; the derived classes
/// (FileSystem, S3 on a real s3rver) only say how to make one.
/// </summary>
public abstract class ObjectStoreContractTests : IAsyncLifetime
{
    private IObjectStore? _store;

    protected IObjectStore Store => _store ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Whatever the store keeps on the side that should be gone once nothing is stored (FileSystem staging).</summary>
    protected virtual IReadOnlyList<string> SideFiles() => [];

    [Fact]
    public async Task Multipart_TwelveMebibytesInThreeParts_ReadsBackByteIdentical()
    {
        var data = Random(12 * MiB);
        var uploadId = await Store.InitiateMultipartAsync("raw/v1/source", "video/mp4");
        var parts = new List<MultipartPart>();
        foreach (var (number, offset, length) in new[] { (1, 0, 5 * MiB), (2, 5 * MiB, 5 * MiB), (3, 10 * MiB, 2 * MiB) })
        {
            parts.Add(await Store.PutPartAsync("raw/v1/source", uploadId, number, new MemoryStream(data, offset, length), length));
        }

        var info = await Store.CompleteMultipartAsync("raw/v1/source", uploadId, parts);

        Assert.Equal(12 * MiB, info.Length);
        Assert.Equal("video/mp4", info.ContentType);
        var content = await Store.GetAsync("raw/v1/source");
        Assert.NotNull(content);
        Assert.Equal(12 * MiB, content.Length);
        Assert.Equal(data, await ReadAllAsync(content));
        Assert.Equal(info.ETag, (await Store.HeadAsync("raw/v1/source"))!.ETag);
    }

    [Fact]
    public async Task CompleteMultipart_SmallPartBeforeTheLast_IsRejected()
    {
        var uploadId = await Store.InitiateMultipartAsync("raw/v2/source");
        var first = await Store.PutPartAsync("raw/v2/source", uploadId, 1, new MemoryStream(Random(1024)), 1024);
        var second = await Store.PutPartAsync("raw/v2/source", uploadId, 2, new MemoryStream(Random(1024)), 1024);

        await Assert.ThrowsAsync<InvalidMultipartException>(() => Store.CompleteMultipartAsync("raw/v2/source", uploadId, [first, second]));
        await Store.AbortMultipartAsync("raw/v2/source", uploadId);
        Assert.Null(await Store.HeadAsync("raw/v2/source"));
    }

    [Theory]
    [InlineData(0L, 9L, 0L, 10L)]          // first bytes
    [InlineData(100L, 199L, 100L, 100L)]   // middle
    [InlineData(null, 50L, 950L, 50L)]     // suffix: the last 50
    [InlineData(900L, null, 900L, 100L)]   // open-ended
    [InlineData(990L, 5000L, 990L, 10L)]   // end past the object is clamped
    [InlineData(null, 5000L, 0L, 1000L)]   // suffix longer than the object
    public async Task Get_ByteRange_YieldsExactlyThoseBytes(long? from, long? to, long expectedOffset, long expectedLength)
    {
        var data = Random(1000);
        await PutAsync(Store, "vod/v1/hls/360p/seg_001.ts", data, "video/mp2t");

        var content = await Store.GetAsync("vod/v1/hls/360p/seg_001.ts", new ByteRange(from, to));

        Assert.NotNull(content);
        Assert.Equal(expectedOffset, content.Offset);
        Assert.Equal(expectedLength, content.Length);
        Assert.Equal(1000, content.Info.Length);
        Assert.Equal("video/mp2t", content.Info.ContentType);
        Assert.Equal(data.AsSpan((int)expectedOffset, (int)expectedLength).ToArray(), await ReadAllAsync(content));
    }

    [Theory]
    [InlineData(1000L, null)]
    [InlineData(2000L, 3000L)]
    [InlineData(null, 0L)]
    public async Task Get_RangeOutsideObject_ThrowsRangeNotSatisfiable(long? from, long? to)
    {
        await PutAsync(Store, "a/object", Random(1000));

        var ex = await Assert.ThrowsAsync<ObjectRangeNotSatisfiableException>(() => Store.GetAsync("a/object", new ByteRange(from, to)));
        Assert.Equal(1000, ex.ObjectLength);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(null, 10L)]
    public async Task Get_AnyRangeOfEmptyObject_ThrowsRangeNotSatisfiable(long? from, long? to)
    {
        await PutAsync(Store, "a/empty", []);

        var ex = await Assert.ThrowsAsync<ObjectRangeNotSatisfiableException>(() => Store.GetAsync("a/empty", new ByteRange(from, to)));
        Assert.Equal(0, ex.ObjectLength);
        var whole = await Store.GetAsync("a/empty");
        Assert.NotNull(whole);
        Assert.Empty(await ReadAllAsync(whole));
    }

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

    [Fact]
    public async Task List_ByPrefix_ReturnsExactlyTheMatchingKeysInOrdinalOrder()
    {
        string[] keys = ["list/c", "list/b/2", "list/a", "lisx/z", "list/b/1", "other/list/a", "list/ab", "list/B"];
        foreach (var key in keys)
        {
            await PutAsync(Store, key, Random(3));
        }

        Assert.Equal(["list/B", "list/a", "list/ab", "list/b/1", "list/b/2", "list/c"], (await ListAsync(Store, "list/")).Select(i => i.Key));
        Assert.Equal(["list/b/1", "list/b/2"], (await ListAsync(Store, "list/b/")).Select(i => i.Key));
        Assert.Equal(["list/a", "list/ab"], (await ListAsync(Store, "list/a")).Select(i => i.Key));
        Assert.Equal(["lisx/z"], (await ListAsync(Store, "lisx")).Select(i => i.Key));
        Assert.Equal(keys.Order(StringComparer.Ordinal), (await ListAsync(Store, "")).Select(i => i.Key));
        Assert.Empty(await ListAsync(Store, "missing/"));
        var listed = (await ListAsync(Store, "list/c")).Single();
        Assert.Equal(3, listed.Length);
        Assert.Equal((await Store.HeadAsync("list/c"))!.ETag, listed.ETag);
    }

    [Fact]
    public async Task Delete_ReturnsWhetherTheObjectExisted_AndRemovesIt()
    {
        await PutAsync(Store, "d/one", Random(10));
        await PutAsync(Store, "d/two", Random(10));

        Assert.True(await Store.DeleteAsync("d/one"));
        Assert.False(await Store.DeleteAsync("d/one"));
        Assert.Null(await Store.GetAsync("d/one"));
        Assert.Equal(["d/two"], (await ListAsync(Store, "")).Select(i => i.Key));
    }

    [Fact]
    public async Task DeletePrefix_RemovesExactlyThePrefix()
    {
        string[] doomed = ["vod/v1/hls/master.m3u8", "vod/v1/hls/360p/seg_001.ts", "vod/v1/thumbs/0.jpg"];
        string[] kept = ["vod/v10/hls/master.m3u8", "vod/v2/hls/master.m3u8", "raw/v1/source"];
        foreach (var key in doomed.Concat(kept))
        {
            await PutAsync(Store, key, Random(16));
        }

        Assert.Equal(3, await Store.DeletePrefixAsync("vod/v1/"));
        Assert.Equal(kept.Order(StringComparer.Ordinal), (await ListAsync(Store, "")).Select(i => i.Key));
        Assert.Equal(0, await Store.DeletePrefixAsync("vod/v1/"));
        await PutAsync(Store, "vod/v1/hls/master.m3u8", Random(4)); // the emptied prefix is usable again
        Assert.NotNull(await Store.HeadAsync("vod/v1/hls/master.m3u8"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/abs")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("a//b")]
    [InlineData("")]
    public async Task EveryOperation_TraversalOrMalformedKey_IsRejected(string key)
    {
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => PutAsync(Store, key, Random(4)));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.GetAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.HeadAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.DeleteAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.InitiateMultipartAsync(key));
        Assert.Empty(await ListAsync(Store, ""));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/")]
    [InlineData("a//")]
    public async Task ListAndDeletePrefix_MalformedPrefix_IsRejected(string prefix)
    {
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => ListAsync(Store, prefix));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.DeletePrefixAsync(prefix));
    }

    [Fact]
    public async Task AbortMultipart_LeavesNothingBehind()
    {
        var uploadId = await Store.InitiateMultipartAsync("raw/v3/source", "video/mp4");
        await Store.PutPartAsync("raw/v3/source", uploadId, 1, new MemoryStream(Random(5 * MiB)), 5 * MiB);
        await Store.PutPartAsync("raw/v3/source", uploadId, 2, new MemoryStream(Random(100)), 100);

        await Store.AbortMultipartAsync("raw/v3/source", uploadId);
        await Store.AbortMultipartAsync("raw/v3/source", uploadId); // idempotent

        Assert.Empty(await ListAsync(Store, ""));
        Assert.Null(await Store.GetAsync("raw/v3/source"));
        Assert.Empty(SideFiles());
    }

    [Fact]
    public async Task UnfinishedMultipart_IsInvisible()
    {
        var uploadId = await Store.InitiateMultipartAsync("raw/v4/source");
        await Store.PutPartAsync("raw/v4/source", uploadId, 1, new MemoryStream(Random(100)), 100);

        Assert.Empty(await ListAsync(Store, ""));
        Assert.Null(await Store.HeadAsync("raw/v4/source"));
        await Store.AbortMultipartAsync("raw/v4/source", uploadId);
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
    public async Task PutPart_NonSeekableStream_StoresEveryByte()
    {
        var data = Random(5 * MiB + 3);
        var uploadId = await Store.InitiateMultipartAsync("raw/v5/source");

        var first = await Store.PutPartAsync("raw/v5/source", uploadId, 1, new NonSeekableStream(data[..(5 * MiB)]), 5 * MiB);
        var last = await Store.PutPartAsync("raw/v5/source", uploadId, 2, new NonSeekableStream(data[(5 * MiB)..]), 3);
        await Store.CompleteMultipartAsync("raw/v5/source", uploadId, [first, last]);

        Assert.Equal(data, await ReadAllAsync((await Store.GetAsync("raw/v5/source"))!));
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
