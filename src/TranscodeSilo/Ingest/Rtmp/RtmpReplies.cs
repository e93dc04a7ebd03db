namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>The server's command replies during a publish.</summary>
public static class RtmpReplies
{
    public const string StatusLevel = "status";
    public const string ErrorLevel = "error";

    public static RtmpMessage ConnectResult(double transactionId) =>
        RtmpCommandWriter.Build(
            RtmpCommandWriter.CommandChunkStreamId,
            0,
            RtmpCommandNames.Result,
            transactionId,
            Properties(("fmsVer", new AmfString("FMS/3,0,1,123")), ("capabilities", new AmfNumber(31))),
            Properties(
                ("level", new AmfString(StatusLevel)),
                ("code", new AmfString("NetConnection.Connect.Success")),
                ("description", new AmfString("Connection succeeded.")),
                ("objectEncoding", new AmfNumber(0))));

    public static RtmpMessage ConnectRejected(double transactionId, string description) =>
        RtmpCommandWriter.Build(
            RtmpCommandWriter.CommandChunkStreamId,
            0,
            RtmpCommandNames.Error,
            transactionId,
            AmfNull.Instance,
            Status(ErrorLevel, "NetConnection.Connect.Rejected", description));

    public static RtmpMessage CreateStreamResult(double transactionId, uint streamId) =>
        RtmpCommandWriter.Build(
            RtmpCommandWriter.CommandChunkStreamId, 0, RtmpCommandNames.Result, transactionId, AmfNull.Instance, new AmfNumber(streamId));

    public static RtmpMessage OnStatus(uint streamId, string level, string code, string description) =>
        RtmpCommandWriter.Build(
            RtmpCommandWriter.StreamChunkStreamId, streamId, RtmpCommandNames.OnStatus, 0, AmfNull.Instance, Status(level, code, description));

    public static RtmpMessage PublishStart(uint streamId) =>
        OnStatus(streamId, StatusLevel, "NetStream.Publish.Start", "Publishing started.");

    public static RtmpMessage PublishBadName(uint streamId, string description) =>
        OnStatus(streamId, ErrorLevel, "NetStream.Publish.BadName", description);

    /// <summary>The reply some servers send to FCPublish; the key is deliberately not echoed.</summary>
    public static RtmpMessage OnFcPublish() =>
        RtmpCommandWriter.Build(
            RtmpCommandWriter.CommandChunkStreamId,
            0,
            RtmpCommandNames.OnFcPublish,
            0,
            AmfNull.Instance,
            Properties(("code", new AmfString("NetStream.Publish.Start")), ("description", new AmfString("FCPublish accepted."))));

    private static AmfObject Status(string level, string code, string description) =>
        Properties(("level", new AmfString(level)), ("code", new AmfString(code)), ("description", new AmfString(description)));

    private static AmfObject Properties(params ReadOnlySpan<(string Name, AmfValue Value)> pairs)
    {
        var properties = new AmfProperty[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            properties[i] = new AmfProperty(pairs[i].Name, pairs[i].Value);
        }

        return new AmfObject(properties);
    }
}
