using System.Buffers;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

/// <summary>A sequence with one byte per segment, so every multi-byte field straddles a segment boundary.</summary>
internal sealed class ByteSegments : ReadOnlySequenceSegment<byte>
{
    private ByteSegments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] data)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new ByteSegments(data.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < data.Length; i++)
        {
            var next = new ByteSegments(data.AsMemory(i, 1), i);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }
}
