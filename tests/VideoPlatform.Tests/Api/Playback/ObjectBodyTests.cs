using System.IO.Pipelines;
using VideoPlatform.Api.Playback;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>The response body writer: exact bytes across several chunks, from a local file or any stream.</summary>
[Trait("Category", "Unit")]
public sealed class ObjectBodyTests : IDisposable
{
    private const string Key = "vod/v1/hls/1080p/seg_00000.m4s";
    private readonly TempFolder folder = new("vp-body");
    private readonly FileSystemObjectStore store;
    private readonly byte[] data = new byte[700_001];

    public ObjectBodyTests()
    {
        store = new FileSystemObjectStore(folder.Path, TimeProvider.System);
        new Random(7).NextBytes(data);
    }

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(null, null)]
    [InlineData(10L, 600_000L)]
    [InlineData(262_143L, 262_145L)]
    public async Task LocalFile_WritesExactlyTheRequestedBytes(long? from, long? to)
    {
        await store.PutAsync(Key, new MemoryStream(data));
        await using var content = (await store.GetAsync(Key, from is null ? null : new ByteRange(from, to)))!;

        Assert.NotNull(content.LocalFile);
        var start = (int)(from ?? 0);
        var end = (int)(to ?? data.Length - 1) + 1;
        Assert.Equal(data[start..end], await WriteAsync(content));
    }

    [Fact]
    public async Task OtherStream_WritesItsLengthInChunks()
    {
        var info = new ObjectInfo(Key, data.Length, "etag", DateTimeOffset.UnixEpoch, null);
        await using var content = new ObjectContent(info, new MemoryStream(data), 0, data.Length);

        Assert.Equal(data, await WriteAsync(content));
    }

    [Fact]
    public async Task StreamShorterThanItsLength_Throws()
    {
        var info = new ObjectInfo(Key, data.Length, "etag", DateTimeOffset.UnixEpoch, null);
        await using var content = new ObjectContent(info, new MemoryStream(data[..1000]), 0, data.Length);

        await Assert.ThrowsAsync<IOException>(() => WriteAsync(content));
    }

    private static async Task<byte[]> WriteAsync(ObjectContent content)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await ObjectBody.WriteAsync(content, pipe.Writer, CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        using var output = new MemoryStream();
        await pipe.Reader.CopyToAsync(output);
        return output.ToArray();
    }
}
