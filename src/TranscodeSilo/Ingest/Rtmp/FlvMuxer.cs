using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Maps RTMP audio, video and data messages to FLV tags; payloads pass through unchanged.</summary>
public static class FlvMuxer
{
    // AMF0 string "@setDataFrame": the wrapper a publisher puts around onMetaData for the server to strip.
    private static ReadOnlySpan<byte> SetDataFrame => "\u0002\u0000\u000D@setDataFrame"u8;

    /// <returns>False when the message is not media (nothing written).</returns>
    public static bool TryWriteTag(RtmpMessage message, IBufferWriter<byte> output)
    {
        switch (message.Type)
        {
            case RtmpMessageType.Audio:
                FlvWriter.WriteTag(output, FlvTagType.Audio, message.Timestamp, message.Payload.Span);
                return true;
            case RtmpMessageType.Video:
                FlvWriter.WriteTag(output, FlvTagType.Video, message.Timestamp, message.Payload.Span);
                return true;
            case RtmpMessageType.DataAmf0 or RtmpMessageType.DataAmf3:
                FlvWriter.WriteTag(output, FlvTagType.Script, message.Timestamp, ScriptData(message));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The script tag body: the data message without its AMF3 switch byte and "@setDataFrame" wrapper.</summary>
    public static ReadOnlySpan<byte> ScriptData(RtmpMessage message)
    {
        var body = RtmpCommandParser.AmfPayload(message);
        return body.StartsWith(SetDataFrame) ? body[SetDataFrame.Length..] : body;
    }
}
