using System.Buffers.Binary;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Protocol control messages (types 1-3, 5, 6): parsers and builders. They travel on csid 2, stream 0.</summary>
public static class RtmpControlMessages
{
    public const int ControlChunkStreamId = 2;

    /// <summary>Limit type 2 ("dynamic") of Set Peer Bandwidth, what publishers expect.</summary>
    public const byte DynamicLimit = 2;

    /// <summary>Reads a Set Chunk Size payload and applies our inbound range.</summary>
    /// <exception cref="RtmpProtocolException">Short payload, top bit set, or outside the configured range.</exception>
    public static int ReadChunkSize(ReadOnlySpan<byte> payload, RtmpProtocolOptions options)
    {
        var value = ReadUInt32(payload, "Set Chunk Size");
        if ((value & 0x8000_0000) != 0 || value < options.MinChunkSize || value > options.MaxChunkSize)
        {
            throw new RtmpProtocolException(
                RtmpProtocolError.ChunkSizeOutOfRange,
                $"chunk size {value} outside {options.MinChunkSize}..{options.MaxChunkSize}");
        }

        return (int)value;
    }

    /// <summary>Reads Abort, Acknowledgement and Window Acknowledgement Size: all one u32.</summary>
    public static uint ReadUInt32(ReadOnlySpan<byte> payload, string what)
    {
        if (payload.Length < 4)
        {
            throw new RtmpProtocolException(RtmpProtocolError.MalformedControlMessage, $"{what} shorter than 4 bytes");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(payload);
    }

    public static (uint Window, byte LimitType) ReadPeerBandwidth(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 5)
        {
            throw new RtmpProtocolException(RtmpProtocolError.MalformedControlMessage, "Set Peer Bandwidth shorter than 5 bytes");
        }

        return (BinaryPrimitives.ReadUInt32BigEndian(payload), payload[4]);
    }

    public static RtmpMessage SetChunkSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return UInt32Message(RtmpMessageType.SetChunkSize, (uint)size);
    }

    public static RtmpMessage Abort(int chunkStreamId) => UInt32Message(RtmpMessageType.Abort, (uint)chunkStreamId);

    public static RtmpMessage Acknowledgement(uint sequenceNumber) =>
        UInt32Message(RtmpMessageType.Acknowledgement, sequenceNumber);

    public static RtmpMessage WindowAcknowledgementSize(uint window) =>
        UInt32Message(RtmpMessageType.WindowAcknowledgementSize, window);

    public static RtmpMessage SetPeerBandwidth(uint window, byte limitType)
    {
        var payload = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(payload, window);
        payload[4] = limitType;
        return new RtmpMessage(ControlChunkStreamId, RtmpMessageType.SetPeerBandwidth, 0, 0, payload);
    }

    private static RtmpMessage UInt32Message(RtmpMessageType type, uint value)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, value);
        return new RtmpMessage(ControlChunkStreamId, type, 0, 0, payload);
    }
}
