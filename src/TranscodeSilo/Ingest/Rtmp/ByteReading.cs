using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>The odd-sized big-endian fields of RTMP headers.</summary>
internal static class ByteReading
{
    public static uint ReadUInt24(ref SequenceReader<byte> reader)
    {
        reader.TryRead(out var b0);
        reader.TryRead(out var b1);
        reader.TryRead(out var b2);
        return (uint)((b0 << 16) | (b1 << 8) | b2);
    }

    public static uint ReadUInt32(ref SequenceReader<byte> reader)
    {
        reader.TryReadBigEndian(out int value);
        return unchecked((uint)value);
    }
}
