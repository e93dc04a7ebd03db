using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoPlatform.Api.Transport;

/// <summary>Stages received bytes in a pooled buffer, where the chunk check sees them (to hash them).</summary>
internal sealed class BufferStage(SocketBodyReceiver.ChunkCheck check) : IBodyStage, IDisposable
{
    private readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(SocketBodyReceiver.ChunkBytes);
    private int staged;

    public int Capacity => SocketBodyReceiver.ChunkBytes;

    public nint Fill(int fd, int length)
    {
        length = Math.Min(length, Capacity - staged);
        var received = LinuxSocketCalls.Receive(fd, ref MemoryMarshal.GetReference(buffer.AsSpan(staged)), length, 0);
        if (received > 0)
        {
            check(buffer.AsSpan(staged, (int)received));
            staged += (int)received;
        }

        return received;
    }

    public void Flush(SafeFileHandle file, long offset, int length)
    {
        RandomAccess.Write(file, buffer.AsSpan(0, length), offset);
        buffer.AsSpan(length, staged - length).CopyTo(buffer);
        staged -= length;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
}
