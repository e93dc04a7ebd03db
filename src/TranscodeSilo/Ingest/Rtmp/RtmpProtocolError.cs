namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Why a peer's bytes were refused; every one of them ends that connection.</summary>
public enum RtmpProtocolError
{
    None = 0,
    UnsupportedHandshakeVersion,
    HeaderWithoutPreviousMessage,
    MessageInterrupted,
    TooManyChunkStreams,
    MessageTooLarge,
    UnknownMessageType,
    ChunkSizeOutOfRange,
    MalformedControlMessage,
    AmfTooDeep,
    AmfTruncated,
    AmfUnsupportedType,
    MalformedCommand,
    UnexpectedCommand,
    TooMuchBeforePublish,
}
