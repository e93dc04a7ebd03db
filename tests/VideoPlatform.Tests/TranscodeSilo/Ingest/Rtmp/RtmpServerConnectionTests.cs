using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using static VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp.RtmpTestMessages;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class RtmpServerConnectionTests
{
    private static readonly byte[] KeyFrame = [0x17, 0x01, 0, 0, 0, .. Enumerable.Range(0, 5000).Select(i => (byte)i)];

    [Fact]
    public void ObsLikeSession_ChunkSizeBeforeConnect_Csid4_ContinuationsWithoutExtendedTimestamp()
    {
        var (beforeDecision, afterDecision) = ObsScript();

        var whole = Run(beforeDecision, afterDecision, step: int.MaxValue);
        var byteByByte = Run(beforeDecision, afterDecision, step: 1);

        Assert.Equal(whole.DescribeActions(), byteByByte.DescribeActions());
        Assert.Equal(whole.Output.WrittenSpan.ToArray(), byteByByte.Output.WrittenSpan.ToArray());
        Assert.Equal(
            [
                "WindowAcknowledgementSize", "SetPeerBandwidth", "SetChunkSize", "_result NetConnection.Connect.Success",
                "_result", "UserControl", "onStatus NetStream.Publish.Start",
            ],
            whole.ServerMessages().Select(Summary));
        Assert.Equal(new RtmpValidateKeyAction("live", "obsKey_1"), whole.Actions[0]);
        var media = whole.Actions.OfType<RtmpDeliverMediaAction>().Select(a => a.Message).ToList();
        Assert.Equal(
            [(RtmpMessageType.DataAmf0, 0u), (RtmpMessageType.Video, 0u), (RtmpMessageType.Audio, 0u), (RtmpMessageType.Video, 0x01000000u), (RtmpMessageType.Video, 0x01000021u)],
            media.Select(m => (m.Type, m.Timestamp)));
        Assert.All(media, m => Assert.Equal((4, 1u), (m.ChunkStreamId, m.StreamId)));
        Assert.Equal(KeyFrame, media[3].Payload.ToArray());
        Assert.Equal(KeyFrame, media[4].Payload.ToArray());
        Assert.Equal(
            [new RtmpPublishEndedAction("obsKey_1"), new RtmpCloseAction(RtmpCloseReason.Unpublished)],
            whole.Actions[^2..]);
    }

    [Fact]
    public void GarbageAfterHandshake_ProtocolError()
    {
        var driver = new ConnectionDriver(int.MaxValue);
        byte[] script = [.. Handshake(), 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x07, 0, 0, 0, 0, 1, 2, 3, 4];

        Assert.Equal(RtmpProtocolError.UnknownMessageType, Assert.Throws<RtmpProtocolException>(() => driver.Feed(script)).Error);
    }

    [Fact]
    public void RejectedKey_BadNameWrittenBeforeClose_RestIgnored()
    {
        var (beforeDecision, afterDecision) = ObsScript();
        var driver = new ConnectionDriver(int.MaxValue);
        driver.Feed(beforeDecision);

        driver.Decide(RtmpKeyDecision.Reject);
        driver.Feed(afterDecision);

        Assert.Equal("onStatus NetStream.Publish.BadName", Summary(driver.ServerMessages()[^1]));
        Assert.Equal(new RtmpCloseAction(RtmpCloseReason.KeyRejected), driver.Actions[^1]);
        Assert.DoesNotContain(driver.Actions, a => a is RtmpDeliverMediaAction);
    }

    private static ConnectionDriver Run(byte[] beforeDecision, byte[] afterDecision, int step)
    {
        var driver = new ConnectionDriver(step);
        driver.Feed(beforeDecision);
        Assert.Equal(RtmpSessionState.ValidatingKey, driver.Connection.Session.State);
        driver.Decide(RtmpKeyDecision.Accept);
        driver.Feed(afterDecision);
        return driver;
    }

    /// <summary>
    /// What OBS sends: Set Chunk Size 4096 right behind C2, commands on csid 3, then publish, metadata and all media
    /// on csid 4 with fmt 1/3 compression, and continuation chunks without the extended timestamp.
    /// </summary>
    private static (byte[] BeforeDecision, byte[] AfterDecision) ObsScript()
    {
        var writer = new RtmpChunkWriter();
        var before = new RtmpBytes().Raw(Handshake())
            .Message(writer, RtmpControlMessages.SetChunkSize(4096))
            .Message(writer, Connect("live"))
            .Message(writer, Command(RtmpCommandNames.ReleaseStream, 2, 0, 3, new AmfString("obsKey_1")))
            .Message(writer, Command(RtmpCommandNames.FcPublish, 3, 0, 3, new AmfString("obsKey_1")))
            .Message(writer, Command(RtmpCommandNames.CreateStream, 4))
            .Message(writer, Publish("obsKey_1", csid: 4))
            .ToArray();

        byte[] metadata = [.. Data("@setDataFrame"), .. Data("onMetaData"), 0x08, 0, 0, 0, 0, 0, 0, 9];
        var after = new RtmpBytes()
            .Fmt0(4, 0, metadata.Length, RtmpMessageType.DataAmf0, 1).Raw(metadata)
            .Fmt1(4, 0, 5, RtmpMessageType.Video).Raw(0x17, 0x00, 0, 0, 0)
            .Fmt1(4, 0, 4, RtmpMessageType.Audio).Raw(0xAF, 0x00, 0x12, 0x10)
            .Fmt0(4, 0xFFFFFF, KeyFrame.Length, RtmpMessageType.Video, 1).U32(0x01000000).Raw(KeyFrame.AsSpan(0, 4096))
            .Fmt3(4).Raw(KeyFrame.AsSpan(4096))
            .Fmt1(4, 0x21, KeyFrame.Length, RtmpMessageType.Video).Raw(KeyFrame.AsSpan(0, 4096))
            .Fmt3(4).Raw(KeyFrame.AsSpan(4096))
            .Message(writer, Command(RtmpCommandNames.FcUnpublish, 6, 0, 3, new AmfString("obsKey_1")))
            .Message(writer, Command(RtmpCommandNames.DeleteStream, 7, 0, 3, new AmfNumber(1)))
            .ToArray();
        return (before, after);
    }

    private static byte[] Data(string text) => [0x02, 0x00, (byte)text.Length, .. System.Text.Encoding.ASCII.GetBytes(text)];

    private static byte[] Handshake() => [3, .. new byte[RtmpHandshake.PacketSize], .. new byte[RtmpHandshake.PacketSize]];
}
