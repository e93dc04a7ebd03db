using VideoPlatform.Storage;
using static VideoPlatform.Tests.Infrastructure.Storage.StoreData;

namespace VideoPlatform.Tests.Infrastructure.Storage;

/// <summary>Multipart uploads: parts read back byte-identical, small middle parts are refused, unfinished or aborted ones leave nothing.</summary>
public abstract partial class ObjectStoreContractTests
{
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
}
