using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace VideoPlatform.Api.Transport;

/// <summary>
/// Kestrel's socket buffers in large pinned blocks. Kestrel's own pool hands out 4 KiB blocks, so a socket read takes
/// at most 4 KiB and an upload pays a receive call (and a pipe hand-off) per 4 KiB; with 256 KiB blocks one call takes
/// what the kernel holds. Idle connections still hold no block: Kestrel allocates only once data is waiting.
/// Blocks are pinned (pinned object heap) so socket operations need no GC handle; up to <c>retained</c> free blocks
/// are kept, the rest are left to the GC.
/// </summary>
public sealed class LargeBlockMemoryPool(int blockSize, int retained) : MemoryPool<byte>
{
    private readonly ConcurrentQueue<Block> free = new();
    private int freeCount;

    public override int MaxBufferSize => blockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > blockSize)
        {
            // Pipes ask for at most MaxBufferSize; anyone asking for more gets a one-off block.
            return new Block(null, minBufferSize);
        }

        if (free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref freeCount);
            block.Reopen();
            return block;
        }

        return new Block(this, blockSize);
    }

    private void Return(Block block)
    {
        if (Interlocked.Increment(ref freeCount) <= retained)
        {
            free.Enqueue(block);
        }
        else
        {
            Interlocked.Decrement(ref freeCount);
        }
    }

    protected override void Dispose(bool disposing) => free.Clear();

    private sealed class Block : IMemoryOwner<byte>
    {
        private readonly LargeBlockMemoryPool? pool;
        private readonly Memory<byte> memory;
        private int rented = 1;

        public Block(LargeBlockMemoryPool? pool, int size)
        {
            this.pool = pool;
            memory = MemoryMarshal.CreateFromPinnedArray(GC.AllocateUninitializedArray<byte>(size, pinned: true), 0, size);
        }

        public Memory<byte> Memory => memory;

        public void Reopen() => Volatile.Write(ref rented, 1);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref rented, 0) == 1)
            {
                pool?.Return(this);
            }
        }
    }
}
