using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class RtmpCommandParserTests
{
    [Fact]
    public void Parse_Connect_NameTransactionAndCommandObject()
    {
        var command = RtmpCommandParser.Parse(RtmpTestMessages.Connect("live"), 16);

        Assert.Equal(("connect", 1.0), (command.Name, command.TransactionId));
        var commandObject = Assert.IsType<AmfObject>(command.CommandObject);
        Assert.Equal("live", commandObject.FindString("app"));
        Assert.Equal("rtmp://127.0.0.1:1935/live", commandObject.FindString("tcUrl"));
        Assert.Empty(command.Arguments);
    }

    [Fact]
    public void Parse_Publish_ArgumentsAfterNullCommandObject()
    {
        var command = RtmpCommandParser.Parse(RtmpTestMessages.Publish("key?token=1"), 16);

        Assert.Equal((RtmpCommandNames.Publish, 1u), (command.Name, command.StreamId));
        Assert.Same(AmfNull.Instance, command.CommandObject);
        Assert.Equal("key?token=1", command.StringArgument(0));
        Assert.Equal("live", command.StringArgument(1));
        Assert.Null(command.StringArgument(2));
    }

    [Fact]
    public void Parse_Amf3CommandWithZeroPrefix_ParsedAsAmf0()
    {
        var amf0 = RtmpTestMessages.Command(RtmpCommandNames.CreateStream, 4);
        var amf3 = amf0 with { Type = RtmpMessageType.CommandAmf3, Payload = (byte[])[0, .. amf0.Payload.ToArray()] };

        var command = RtmpCommandParser.Parse(amf3, 16);

        Assert.Equal((RtmpCommandNames.CreateStream, 4.0), (command.Name, command.TransactionId));
    }

    [Fact]
    public void Parse_Amf3CommandWithoutZeroPrefix_Rejected()
    {
        var message = new RtmpMessage(3, RtmpMessageType.CommandAmf3, 0, 0, new byte[] { 0x11, 0x06, 0x03, 0x61 });

        Assert.Equal(RtmpProtocolError.MalformedCommand, Assert.Throws<RtmpProtocolException>(() => RtmpCommandParser.Parse(message, 16)).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("003FF0000000000000")]
    public void Parse_NoName_Rejected(string hex)
    {
        var message = new RtmpMessage(3, RtmpMessageType.CommandAmf0, 0, 0, Convert.FromHexString(hex));

        Assert.Equal(RtmpProtocolError.MalformedCommand, Assert.Throws<RtmpProtocolException>(() => RtmpCommandParser.Parse(message, 16)).Error);
    }

    [Fact]
    public void Parse_NameOnly_DefaultsTransactionAndNullObject()
    {
        var message = new RtmpMessage(3, RtmpMessageType.CommandAmf0, 0, 0, Convert.FromHexString("0200085F636865636B6277"));

        var command = RtmpCommandParser.Parse(message, 16);

        Assert.Equal(("_checkbw", 0.0), (command.Name, command.TransactionId));
        Assert.Same(AmfNull.Instance, command.CommandObject);
    }

    [Fact]
    public void ConnectResult_CarriesSuccessAndServerVersion()
    {
        var reply = RtmpCommandParser.Parse(RtmpReplies.ConnectResult(1), 16);

        Assert.Equal((RtmpCommandNames.Result, 1.0), (reply.Name, reply.TransactionId));
        var properties = Assert.IsType<AmfObject>(reply.CommandObject);
        Assert.Equal("FMS/3,0,1,123", properties.FindString("fmsVer"));
        Assert.Equal(31, properties.FindNumber("capabilities"));
        var info = Assert.IsType<AmfObject>(Assert.Single(reply.Arguments));
        Assert.Equal(("status", "NetConnection.Connect.Success"), (info.FindString("level"), info.FindString("code")));
        Assert.Equal(0, info.FindNumber("objectEncoding"));
    }

    [Fact]
    public void StatusReplies_LevelsAndCodes()
    {
        var start = RtmpCommandParser.Parse(RtmpReplies.PublishStart(1), 16);
        var bad = RtmpCommandParser.Parse(RtmpReplies.PublishBadName(1, "no"), 16);
        var created = RtmpCommandParser.Parse(RtmpReplies.CreateStreamResult(4, 1), 16);
        var fcPublish = RtmpCommandParser.Parse(RtmpReplies.OnFcPublish(), 16);

        Assert.Equal(("status", "NetStream.Publish.Start"), Info(start));
        Assert.Equal(1u, start.StreamId);
        Assert.Equal(("error", "NetStream.Publish.BadName"), Info(bad));
        Assert.Equal((RtmpCommandNames.Result, 4.0, 1.0), (created.Name, created.TransactionId, created.NumberArgument(0)));
        Assert.Equal(RtmpCommandNames.OnFcPublish, fcPublish.Name);
    }

    private static (string?, string?) Info(RtmpCommand command)
    {
        var info = Assert.IsType<AmfObject>(Assert.Single(command.Arguments));
        return (info.FindString("level"), info.FindString("code"));
    }
}
