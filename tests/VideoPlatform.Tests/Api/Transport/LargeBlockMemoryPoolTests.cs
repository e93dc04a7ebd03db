using System.Runtime.InteropServices;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Tests.Api.Transport;

[Trait("Category", "Unit")]
public sealed class LargeBlockMemoryPoolTests
{
    private const int Block = 64 * 1024;

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(Block)]
    public void Rent_AnySizeUpToABlock_GetsAWholeBlock(int size)
    {
        using var pool = new LargeBlockMemoryPool(Block, retained: 4);
        using var owner = pool.Rent(size);
        Assert.Equal(Block, owner.Memory.Length);
        Assert.Equal(Block, pool.MaxBufferSize);
    }

    [Fact]
    public void Dispose_ReturnsTheBlock_ForTheNextRent()
    {
        using var pool = new LargeBlockMemoryPool(Block, retained: 4);
        var first = pool.Rent(1);
        var array = ArrayOf(first);
        first.Dispose();
        using var second = pool.Rent(1);
        Assert.Same(array, ArrayOf(second));
    }

    [Fact]
    public void Dispose_Twice_ReturnsTheBlockOnce()
    {
        using var pool = new LargeBlockMemoryPool(Block, retained: 4);
        var first = pool.Rent(1);
        first.Dispose();
        first.Dispose();
        using var a = pool.Rent(1);
        using var b = pool.Rent(1);
        Assert.NotSame(ArrayOf(a), ArrayOf(b));
    }

    [Fact]
    public void Rent_MoreThanABlock_GetsAOneOffBlockThatIsNotKept()
    {
        using var pool = new LargeBlockMemoryPool(Block, retained: 4);
        var big = pool.Rent(Block + 1);
        Assert.Equal(Block + 1, big.Memory.Length);
        big.Dispose();
        using var next = pool.Rent(1);
        Assert.Equal(Block, next.Memory.Length);
    }

    [Fact]
    public void Dispose_BeyondTheRetainedCount_LeavesBlocksToTheGc()
    {
        using var pool = new LargeBlockMemoryPool(Block, retained: 1);
        var owners = Enumerable.Range(0, 3).Select(_ => pool.Rent(1)).ToList();
        var arrays = owners.Select(ArrayOf).ToList();
        owners.ForEach(o => o.Dispose());
        var again = Enumerable.Range(0, 3).Select(_ => pool.Rent(1)).ToList();
        Assert.Equal(1, again.Count(o => arrays.Contains(ArrayOf(o))));
        again.ForEach(o => o.Dispose());
    }

    private static byte[] ArrayOf(System.Buffers.IMemoryOwner<byte> owner) =>
        MemoryMarshal.TryGetArray<byte>(owner.Memory, out var segment) ? segment.Array! : throw new InvalidOperationException("not array-backed");
}
