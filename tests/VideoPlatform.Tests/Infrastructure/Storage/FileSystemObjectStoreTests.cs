using System.Text;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using static VideoPlatform.Tests.Infrastructure.Storage.StoreData;

namespace VideoPlatform.Tests.Infrastructure.Storage;

/// <summary>What only the FileSystem store has to answer for: its layout on disk, and staying inside its root.</summary>
[Trait("Category", "Unit")]
public sealed class FileSystemObjectStoreTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), $"vp-fsstore-{Guid.NewGuid():N}");
    private readonly string _root;
    private readonly FileSystemObjectStore _store;

    public FileSystemObjectStoreTests()
    {
        Directory.CreateDirectory(_parent);
        _root = Path.Combine(_parent, "store");
        _store = new FileSystemObjectStore(_root, TimeProvider.System);
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public async Task Put_StoresPlainContentUnderTheRoot()
    {
        await PutAsync(_store, "vod/v1/hls/master.m3u8", "#EXTM3U\n"u8.ToArray());

        Assert.Equal("#EXTM3U\n", await File.ReadAllTextAsync(Path.Combine(_root, "objects", "vod", "v1", "hls", "master.m3u8")));
        Assert.Equal(["store"], Directory.GetFileSystemEntries(_parent).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("a/../../../escape")]
    public async Task Put_TraversalKey_WritesNothingAnywhere(string key)
    {
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => PutAsync(_store, key, Random(4)));

        Assert.Empty(Directory.EnumerateFiles(_parent, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escape")));
    }

    [Fact]
    public async Task List_SiblingsOfAFolder_AreInOrdinalKeyOrder()
    {
        // '-' (0x2D) < '/' (0x2F) < '0' (0x30): a naive folder walk would list "a/b" before "a-b".
        foreach (var key in new[] { "x/a/b", "x/a-b", "x/a0", "x/a.b" })
        {
            await PutAsync(_store, key, Random(1));
        }

        Assert.Equal(["x/a-b", "x/a.b", "x/a/b", "x/a0"], (await ListAsync(_store, "x/")).Select(i => i.Key));
        Assert.Equal(["x/a-b", "x/a.b", "x/a/b", "x/a0"], (await ListAsync(_store, "x/a")).Select(i => i.Key));
    }

    [Fact]
    public async Task Delete_PrunesEmptyFolders_AndStrayEmptyFoldersDoNotBreakListing()
    {
        await PutAsync(_store, "vod/v1/hls/360p/seg.ts", Random(4));
        await PutAsync(_store, "vod/v2/master.m3u8", Random(4));
        Directory.CreateDirectory(Path.Combine(_root, "objects", "vod", "stray", "empty"));

        await _store.DeleteAsync("vod/v1/hls/360p/seg.ts");

        Assert.False(Directory.Exists(Path.Combine(_root, "objects", "vod", "v1")));
        Assert.False(Directory.Exists(Path.Combine(_root, ".meta", "vod", "v1")));
        Assert.Equal(["vod/v2/master.m3u8"], (await ListAsync(_store, "vod/")).Select(i => i.Key));
        Assert.Empty(await ListAsync(_store, "vod/stray/"));
    }

    [Fact]
    public async Task Head_ContentChangedBehindTheStoresBack_ReportsADifferentETag()
    {
        var put = await PutAsync(_store, "raw/v1/source", Encoding.ASCII.GetBytes("original"));
        var path = Path.Combine(_root, "objects", "raw", "v1", "source");
        await File.WriteAllTextAsync(path, "tampered");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));

        var head = await _store.HeadAsync("raw/v1/source");

        Assert.NotEqual(put.ETag, head!.ETag);
        Assert.Null(head.ContentType);
    }

    [Fact]
    public async Task Put_LastModifiedComesFromTheTimeProvider()
    {
        var at = new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var store = new FileSystemObjectStore(_root, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at));

        var info = await PutAsync(store, "a/b", Random(2));

        Assert.Equal(at, info.LastModified);
        Assert.Equal(at, (await store.HeadAsync("a/b"))!.LastModified);
    }

    [Fact]
    public async Task Put_KeyThatIsAlsoAFolder_IsRejectedClearly()
    {
        await PutAsync(_store, "a/b", Random(2));
        await PutAsync(_store, "c", Random(2));

        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => PutAsync(_store, "a", Random(2)));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => PutAsync(_store, "c/d", Random(2)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, ".staging")));
    }

    [Fact]
    public async Task PutPart_AfterAbortOrWithForeignKeyOrBadId_ThrowsUploadNotFound()
    {
        var uploadId = await _store.InitiateMultipartAsync("raw/v1/source");

        await Assert.ThrowsAsync<MultipartUploadNotFoundException>(
            () => _store.PutPartAsync("raw/v2/source", uploadId, 1, new MemoryStream(Random(4)), 4));
        await Assert.ThrowsAsync<MultipartUploadNotFoundException>(
            () => _store.PutPartAsync("raw/v1/source", "../../objects", 1, new MemoryStream(Random(4)), 4));
        await _store.AbortMultipartAsync("raw/v1/source", uploadId);
        await Assert.ThrowsAsync<MultipartUploadNotFoundException>(
            () => _store.PutPartAsync("raw/v1/source", uploadId, 1, new MemoryStream(Random(4)), 4));
    }

    [Fact]
    public async Task CompleteMultipart_WrongPartETagOrMissingPart_IsRejected()
    {
        var uploadId = await _store.InitiateMultipartAsync("raw/v1/source");
        var part = await _store.PutPartAsync("raw/v1/source", uploadId, 1, new MemoryStream(Random(10)), 10);

        await Assert.ThrowsAsync<InvalidMultipartException>(
            () => _store.CompleteMultipartAsync("raw/v1/source", uploadId, [part with { ETag = "0000" }]));
        await Assert.ThrowsAsync<InvalidMultipartException>(
            () => _store.CompleteMultipartAsync("raw/v1/source", uploadId, [part with { PartNumber = 2 }]));
        Assert.Null(await _store.HeadAsync("raw/v1/source"));
    }

    [Fact]
    public async Task PutPart_StreamShorterThanDeclared_Throws()
    {
        var uploadId = await _store.InitiateMultipartAsync("raw/v1/source");

        await Assert.ThrowsAsync<EndOfStreamException>(
            () => _store.PutPartAsync("raw/v1/source", uploadId, 1, new MemoryStream(Random(10)), 11));
    }

    [Fact]
    public async Task LocalFile_PublishedObject_IsItsFile_MissingIsNull_TraversalRefused()
    {
        await PutAsync(_store, "raw/v1/source", "bytes"u8.ToArray());

        var path = _store.LocalFile("raw/v1/source");

        Assert.Equal("bytes", await File.ReadAllTextAsync(path!));
        Assert.StartsWith(_root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.Null(_store.LocalFile("raw/v2/source"));
        Assert.Throws<InvalidObjectKeyException>(() => _store.LocalFile("../outside"));
    }
}
