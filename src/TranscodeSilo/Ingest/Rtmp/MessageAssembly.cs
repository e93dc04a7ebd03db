using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>
/// A pooled buffer that grows only as chunk payloads arrive, so a declared message length (attacker controlled)
/// never decides an allocation.
/// </summary>
internal sealed class MessageAssembly : IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int written;

    public void Append(ReadOnlySequence<byte> bytes)
    {
        var needed = written + (int)bytes.Length;
        if (needed > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
            buffer.AsSpan(0, written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        bytes.CopyTo(buffer.AsSpan(written));
        written = needed;
    }

    public byte[] ToArray() => buffer.AsSpan(0, written).ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        written = 0;
    }
}
