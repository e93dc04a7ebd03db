using VideoPlatform.Storage;
using static VideoPlatform.Tests.Infrastructure.Storage.StoreData;

namespace VideoPlatform.Tests.Infrastructure.Storage;

/// <summary>Byte ranges: exactly the asked bytes, clamped at the end, and 416 outside the object.</summary>
public abstract partial class ObjectStoreContractTests
{
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
}
