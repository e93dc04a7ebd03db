using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>The 1-3 byte chunk basic header: format (2 bits) and chunk stream id (2..65599).</summary>
public static class RtmpBasicHeader
{
    public const int MinChunkStreamId = 2;
    public const int MaxChunkStreamId = 65599;
    public const int MaxLength = 3;

    public static bool TryRead(ref SequenceReader<byte> reader, out int format, out int chunkStreamId)
    {
        chunkStreamId = 0;
        if (!reader.TryRead(out var first))
        {
            format = 0;
            return false;
        }

        format = first >> 6;
        var low = first & 0x3F;
        switch (low)
        {
            case 0 when reader.TryRead(out var b1):
                chunkStreamId = 64 + b1;
                return true;
            case 1 when reader.Remaining >= 2:
                reader.TryRead(out var c1);
                reader.TryRead(out var c2);
                chunkStreamId = 64 + c1 + (256 * c2);
                return true;
            case 0 or 1:
                return false;
            default:
                chunkStreamId = low;
                return true;
        }
    }

    /// <summary>Writes the shortest encoding of <paramref name="chunkStreamId"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Write(Span<byte> destination, int format, int chunkStreamId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkStreamId, MinChunkStreamId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkStreamId, MaxChunkStreamId);
        var top = (byte)(format << 6);
        if (chunkStreamId < 64)
        {
            destination[0] = (byte)(top | chunkStreamId);
            return 1;
        }

        var rest = chunkStreamId - 64;
        if (rest < 256)
        {
            destination[0] = top;
            destination[1] = (byte)rest;
            return 2;
        }

        destination[0] = (byte)(top | 1);
        destination[1] = (byte)(rest & 0xFF);
        destination[2] = (byte)(rest >> 8);
        return 3;
    }
}
