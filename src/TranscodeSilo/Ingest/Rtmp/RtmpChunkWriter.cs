using System.Buffers;
using System.Buffers.Binary;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>
/// Splits outbound messages into chunks: a fmt 0 header, then fmt 3 continuations. The extended timestamp is
/// repeated on continuations (the spec's and ffmpeg's convention). Adopts the size of a Set Chunk Size it writes.
/// </summary>
public sealed class RtmpChunkWriter
{
    private const uint ExtendedMarker = 0xFFFFFF;

    public int ChunkSize { get; private set; } = RtmpProtocolOptions.InitialChunkSize;

    public void Write(RtmpMessage message, IBufferWriter<byte> output)
    {
        var payload = message.Payload.Span;
        if (payload.Length > 0xFFFFFF)
        {
            throw new ArgumentException("An RTMP message carries at most 2^24-1 bytes.", nameof(message));
        }

        var extended = message.Timestamp >= ExtendedMarker;
        var offset = 0;
        do
        {
            var take = Math.Min(ChunkSize, payload.Length - offset);
            var span = output.GetSpan(RtmpBasicHeader.MaxLength + 11 + 4 + take);
            var written = offset == 0 ? WriteFirstHeader(span, message, payload.Length, extended) : RtmpBasicHeader.Write(span, 3, message.ChunkStreamId);
            if (extended)
            {
                BinaryPrimitives.WriteUInt32BigEndian(span[written..], message.Timestamp);
                written += 4;
            }

            payload.Slice(offset, take).CopyTo(span[written..]);
            output.Advance(written + take);
            offset += take;
        }
        while (offset < payload.Length);

        if (message.Type == RtmpMessageType.SetChunkSize)
        {
            var size = RtmpControlMessages.ReadUInt32(payload, "Set Chunk Size");
            ChunkSize = size is >= 1 and <= int.MaxValue ? (int)size : throw new ArgumentException("Chunk size out of range.", nameof(message));
        }
    }

    private static int WriteFirstHeader(Span<byte> span, RtmpMessage message, int length, bool extended)
    {
        var at = RtmpBasicHeader.Write(span, 0, message.ChunkStreamId);
        WriteUInt24(span[at..], extended ? ExtendedMarker : message.Timestamp);
        WriteUInt24(span[(at + 3)..], (uint)length);
        span[at + 6] = (byte)message.Type;
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 7)..], message.StreamId);
        return at + 11;
    }

    private static void WriteUInt24(Span<byte> span, uint value)
    {
        span[0] = (byte)(value >> 16);
        span[1] = (byte)(value >> 8);
        span[2] = (byte)value;
    }
}
