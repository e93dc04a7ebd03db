using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

/// <summary>Client-side messages as ffmpeg and OBS send them, and readers for the server's replies.</summary>
internal static class RtmpTestMessages
{
    public static RtmpMessage Connect(string app, int csid = 3) =>
        RtmpCommandWriter.Build(
            csid,
            0,
            RtmpCommandNames.Connect,
            1,
            new AmfObject(
            [
                new("app", new AmfString(app)),
                new("type", new AmfString("nonprivate")),
                new("flashVer", new AmfString("FMLE/3.0 (compatible; FMSc/1.0)")),
                new("tcUrl", new AmfString($"rtmp://127.0.0.1:1935/{app}")),
            ]));

    public static RtmpMessage Command(string name, double transactionId, uint streamId = 0, int csid = 3, params AmfValue[] arguments) =>
        RtmpCommandWriter.Build(csid, streamId, name, transactionId, [AmfNull.Instance, .. arguments]);

    public static RtmpMessage Publish(string key, uint streamId = 1, int csid = 4) =>
        Command(RtmpCommandNames.Publish, 5, streamId, csid, new AmfString(key), new AmfString("live"));

    public static RtmpMessage Media(RtmpMessageType type, uint timestamp, params byte[] payload) => new(4, type, timestamp, 1, payload);

    public static List<RtmpMessage> Sent(IEnumerable<RtmpAction> actions) =>
        [.. actions.OfType<RtmpSendAction>().Select(a => a.Message)];

    /// <summary>"name" for commands, "name code" when the reply carries an info object with a code.</summary>
    public static string Summary(RtmpMessage message)
    {
        if (!RtmpCommandParser.IsCommand(message))
        {
            return message.Type.ToString();
        }

        var command = RtmpCommandParser.Parse(message, 16);
        var info = command.Arguments.OfType<AmfObject>().FirstOrDefault();
        return info?.FindString("code") is { } code ? $"{command.Name} {code}" : command.Name;
    }
}
