namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Parses command messages (type 20, or 17 with its leading AMF3 switch byte 0) into <see cref="RtmpCommand"/>.</summary>
public static class RtmpCommandParser
{
    public static bool IsCommand(RtmpMessage message) =>
        message.Type is RtmpMessageType.CommandAmf0 or RtmpMessageType.CommandAmf3;

    /// <exception cref="RtmpProtocolException">Not AMF0 underneath, bad AMF, or no command name.</exception>
    public static RtmpCommand Parse(RtmpMessage message, int maxAmfDepth)
    {
        var payload = AmfPayload(message);
        var values = Amf0Reader.ReadAll(payload, maxAmfDepth);
        if (values.Count == 0 || values[0] is not AmfString name)
        {
            throw new RtmpProtocolException(RtmpProtocolError.MalformedCommand, "command without a name");
        }

        // Some clients leave out the transaction id or command object of fire-and-forget commands.
        var transactionId = values.Count > 1 && values[1] is AmfNumber number ? number.Value : 0;
        var commandObject = values.Count > 2 ? values[2] : AmfNull.Instance;
        var arguments = values.Count > 3 ? values.Skip(3).ToArray() : [];
        return new RtmpCommand(name.Value, transactionId, commandObject, arguments, message.StreamId);
    }

    /// <summary>The AMF0 body of a command or data message; AMF3 messages from our publishers are a 0 byte then AMF0.</summary>
    public static ReadOnlySpan<byte> AmfPayload(RtmpMessage message)
    {
        var payload = message.Payload.Span;
        if (message.Type is not (RtmpMessageType.CommandAmf3 or RtmpMessageType.DataAmf3))
        {
            return payload;
        }

        if (payload.IsEmpty || payload[0] != 0)
        {
            throw new RtmpProtocolException(RtmpProtocolError.MalformedCommand, "AMF3-encoded message bodies are not supported");
        }

        return payload[1..];
    }
}
