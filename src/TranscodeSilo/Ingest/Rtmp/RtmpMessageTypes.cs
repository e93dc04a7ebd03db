namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Classification of message types, used for limits and routing.</summary>
public static class RtmpMessageTypes
{
    /// <summary>Unknown types close the connection: nothing we accept sends them, garbage often does.</summary>
    public static bool IsKnown(RtmpMessageType type) =>
        type is (>= RtmpMessageType.SetChunkSize and <= RtmpMessageType.SetPeerBandwidth)
            or RtmpMessageType.Audio or RtmpMessageType.Video
            or (>= RtmpMessageType.DataAmf3 and <= RtmpMessageType.CommandAmf0)
            or RtmpMessageType.Aggregate;

    /// <summary>Media may be large (key frames); everything else is small and gets the tighter cap.</summary>
    public static bool IsMedia(RtmpMessageType type) =>
        type is RtmpMessageType.Audio or RtmpMessageType.Video
            or RtmpMessageType.DataAmf0 or RtmpMessageType.DataAmf3 or RtmpMessageType.Aggregate;
}
