namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Limits and outgoing settings of one RTMP connection. Defaults follow docs/reference/rtmp.md §8.</summary>
public sealed record RtmpProtocolOptions
{
    /// <summary>Chunk size of both directions until a Set Chunk Size says otherwise.</summary>
    public const int InitialChunkSize = 128;

    /// <summary>Smallest inbound Set Chunk Size accepted; tiny chunks only multiply header overhead.</summary>
    public int MinChunkSize { get; init; } = 128;

    /// <summary>Largest inbound Set Chunk Size accepted; a chunk is buffered whole before it is consumed.</summary>
    public int MaxChunkSize { get; init; } = 65536;

    /// <summary>Cap for audio, video and data messages (a key frame of a high bitrate stream fits).</summary>
    public int MaxMediaMessageSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Cap for commands and control messages.</summary>
    public int MaxControlMessageSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Bytes a connection may send before its publish is accepted (a real client sends a few hundred): nobody may make
    /// the server assemble big messages before proving a key.
    /// </summary>
    public int MaxBytesBeforePublish { get; init; } = 1024 * 1024;

    /// <summary>Declared bytes of the messages being assembled at once over all chunk streams of a connection.</summary>
    public int MaxAssemblyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Distinct chunk stream ids one connection may use; real publishers use four or five.</summary>
    public int MaxChunkStreams { get; init; } = 16;

    /// <summary>AMF nesting limit; real commands nest two levels.</summary>
    public int MaxAmfDepth { get; init; } = 16;

    /// <summary>Chunk size announced to the client on connect.</summary>
    public int OutgoingChunkSize { get; init; } = 4096;

    /// <summary>Window announced in Window Acknowledgement Size and Set Peer Bandwidth on connect.</summary>
    public uint AcknowledgementWindow { get; init; } = 2_500_000;

    public static RtmpProtocolOptions Default { get; } = new();
}
