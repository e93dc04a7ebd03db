using System.Buffers;
using System.Buffers.Binary;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>The FLV container: a 13-byte header (with PreviousTagSize0) and tags each followed by their size.</summary>
public static class FlvWriter
{
    public const int HeaderLength = 13;
    public const int TagHeaderLength = 11;
    private const int MaxDataSize = 0xFFFFFF;

    public static void WriteHeader(IBufferWriter<byte> output, bool hasAudio, bool hasVideo)
    {
        var span = output.GetSpan(HeaderLength)[..HeaderLength];
        "FLV"u8.CopyTo(span);
        span[3] = 1;
        span[4] = (byte)((hasAudio ? 0x04 : 0) | (hasVideo ? 0x01 : 0));
        BinaryPrimitives.WriteUInt32BigEndian(span[5..], 9);
        BinaryPrimitives.WriteUInt32BigEndian(span[9..], 0);
        output.Advance(HeaderLength);
    }

    /// <param name="timestamp">Milliseconds; the low 24 bits and the high 8 bits go to separate fields.</param>
    public static void WriteTag(IBufferWriter<byte> output, FlvTagType type, uint timestamp, ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxDataSize)
        {
            throw new ArgumentException("An FLV tag carries at most 2^24-1 bytes.", nameof(data));
        }

        var total = TagHeaderLength + data.Length + 4;
        var span = output.GetSpan(total)[..total];
        span[0] = (byte)type;
        WriteUInt24(span[1..], (uint)data.Length);
        WriteUInt24(span[4..], timestamp & 0xFFFFFF);
        span[7] = (byte)(timestamp >> 24);
        WriteUInt24(span[8..], 0);
        data.CopyTo(span[TagHeaderLength..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[(TagHeaderLength + data.Length)..], (uint)(TagHeaderLength + data.Length));
        output.Advance(total);
    }

    private static void WriteUInt24(Span<byte> span, uint value)
    {
        span[0] = (byte)(value >> 16);
        span[1] = (byte)(value >> 8);
        span[2] = (byte)value;
    }
}
