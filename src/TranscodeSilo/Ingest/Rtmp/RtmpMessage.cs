namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>One whole RTMP message: reassembled from chunks on the way in, split into chunks on the way out.</summary>
/// <param name="ChunkStreamId">The chunk stream it travelled on; never a hint of its meaning (OBS sends everything on 4).</param>
/// <param name="Timestamp">Absolute timestamp in milliseconds, modulo 2^32.</param>
/// <param name="StreamId">The message stream id (0 for the connection, 1.. for created streams).</param>
public sealed record RtmpMessage(
    int ChunkStreamId,
    RtmpMessageType Type,
    uint Timestamp,
    uint StreamId,
    ReadOnlyMemory<byte> Payload);
