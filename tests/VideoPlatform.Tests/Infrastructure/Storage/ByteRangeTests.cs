using VideoPlatform.Storage;

namespace VideoPlatform.Tests.Infrastructure.Storage;

[Trait("Category", "Unit")]
public sealed class ByteRangeTests
{
    [Theory]
    [InlineData(0L, 0L, 100L, 0L, 1L)]
    [InlineData(10L, 19L, 100L, 10L, 10L)]
    [InlineData(10L, null, 100L, 10L, 90L)]
    [InlineData(90L, 500L, 100L, 90L, 10L)]
    [InlineData(null, 1L, 100L, 99L, 1L)]
    [InlineData(null, 500L, 100L, 0L, 100L)]
    public void Resolve_SatisfiableRange_ReturnsOffsetAndLength(long? from, long? to, long objectLength, long offset, long length) =>
        Assert.Equal((offset, length), new ByteRange(from, to).Resolve("k", objectLength));

    [Theory]
    [InlineData(100L, null, 100L)]
    [InlineData(100L, 200L, 100L)]
    [InlineData(0L, null, 0L)]
    [InlineData(null, 5L, 0L)]
    [InlineData(null, 0L, 100L)]
    [InlineData(20L, 10L, 100L)]
    [InlineData(-1L, null, 100L)]
    public void Resolve_UnsatisfiableRange_Throws(long? from, long? to, long objectLength)
    {
        var ex = Assert.Throws<ObjectRangeNotSatisfiableException>(() => new ByteRange(from, to).Resolve("k", objectLength));
        Assert.Equal(objectLength, ex.ObjectLength);
    }

    [Theory]
    [InlineData(0L, 9L, "bytes=0-9")]
    [InlineData(5L, null, "bytes=5-")]
    [InlineData(null, 7L, "bytes=-7")]
    public void ToHeaderValue_FormatsAsHttpRange(long? from, long? to, string expected) =>
        Assert.Equal(expected, new ByteRange(from, to).ToHeaderValue());
}
