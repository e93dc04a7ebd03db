namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>The message header state one chunk stream remembers for the header compression of the next chunk.</summary>
internal readonly record struct ChunkHeader(
    uint Timestamp,
    uint Delta,
    int Length,
    RtmpMessageType Type,
    uint StreamId,
    bool Extended,
    uint ExtendedValue);
