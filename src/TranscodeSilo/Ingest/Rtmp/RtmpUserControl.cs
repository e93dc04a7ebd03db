using System.Buffers.Binary;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>User Control messages (type 4): a u16 event type and its event data.</summary>
public static class RtmpUserControl
{
    public const ushort StreamBeginEvent = 0;
    public const ushort StreamEofEvent = 1;
    public const ushort PingRequestEvent = 6;
    public const ushort PingResponseEvent = 7;

    public static (ushort Event, uint Value) Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 6)
        {
            throw new RtmpProtocolException(RtmpProtocolError.MalformedControlMessage, "User Control shorter than 6 bytes");
        }

        return (BinaryPrimitives.ReadUInt16BigEndian(payload), BinaryPrimitives.ReadUInt32BigEndian(payload[2..]));
    }

    public static RtmpMessage StreamBegin(uint streamId) => Event(StreamBeginEvent, streamId);

    public static RtmpMessage StreamEof(uint streamId) => Event(StreamEofEvent, streamId);

    public static RtmpMessage PingResponse(uint timestamp) => Event(PingResponseEvent, timestamp);

    public static RtmpMessage Event(ushort eventType, uint value)
    {
        var payload = new byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(payload, eventType);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(2), value);
        return new RtmpMessage(RtmpControlMessages.ControlChunkStreamId, RtmpMessageType.UserControl, 0, 0, payload);
    }
}
