using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using static VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp.RtmpTestMessages;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class RtmpSessionStateMachineTests
{
    [Fact]
    public void GoodKey_PublishStartOnlyAfterAccept_ThenMediaDelivered()
    {
        var session = Connected();
        Assert.Empty(session.OnMessage(Command(RtmpCommandNames.ReleaseStream, 2, 0, 3, new AmfString("abc"))));
        Assert.Empty(session.OnMessage(Command(RtmpCommandNames.FcPublish, 3, 0, 3, new AmfString("abc"))));
        var created = Sent(session.OnMessage(Command(RtmpCommandNames.CreateStream, 4)));
        Assert.Equal(1.0, RtmpCommandParser.Parse(Assert.Single(created), 16).NumberArgument(0));

        var publish = session.OnMessage(Publish("abc_KEY-1?token=x"));

        Assert.Equal(new RtmpValidateKeyAction("live", "abc_KEY-1"), Assert.Single(publish));
        Assert.Equal(RtmpSessionState.ValidatingKey, session.State);
        Assert.Empty(session.OnMessage(Media(RtmpMessageType.Video, 0, 0x17)));

        var accepted = Sent(session.OnKeyDecision(RtmpKeyDecision.Accept));

        Assert.Equal(["UserControl", "onStatus NetStream.Publish.Start"], accepted.Select(Summary));
        Assert.Equal((RtmpUserControl.StreamBeginEvent, 1u), RtmpUserControl.Read(accepted[0].Payload.Span));
        Assert.Equal(RtmpSessionState.Publishing, session.State);
        var video = Media(RtmpMessageType.Video, 40, 0x17, 0x01);
        Assert.Equal(new RtmpDeliverMediaAction(video), Assert.Single(session.OnMessage(video)));

        var ended = session.OnMessage(Command(RtmpCommandNames.FcUnpublish, 6, 0, 3, new AmfString("abc_KEY-1")));

        Assert.Equal([new RtmpPublishEndedAction("abc_KEY-1"), new RtmpCloseAction(RtmpCloseReason.Unpublished)], ended);
        Assert.Equal(RtmpSessionState.Closed, session.State);
    }

    [Fact]
    public void BadKey_BadNameAndClose_NoPublishStart()
    {
        var session = AwaitingDecision();

        var actions = session.OnKeyDecision(RtmpKeyDecision.Reject);

        Assert.Equal(["onStatus NetStream.Publish.BadName"], Sent(actions).Select(Summary));
        Assert.Equal(new RtmpCloseAction(RtmpCloseReason.KeyRejected), actions[^1]);
        Assert.Equal(RtmpSessionState.Closed, session.State);
        Assert.Empty(session.OnMessage(Media(RtmpMessageType.Video, 0, 0x17)));
    }

    [Theory]
    [InlineData("vod")]
    [InlineData("")]
    [InlineData("live2")]
    public void WrongApp_ConnectRejectedAndClose(string app)
    {
        var session = Handshaken();

        var actions = session.OnMessage(Connect(app));

        Assert.Equal(["_error NetConnection.Connect.Rejected"], Sent(actions).Select(Summary));
        Assert.Equal(new RtmpCloseAction(RtmpCloseReason.WrongApplication), actions[^1]);
        Assert.Equal(RtmpSessionState.Closed, session.State);
    }

    [Theory]
    [InlineData("live/")]
    [InlineData("live?vhost=x")]
    public void Connect_AppWithSlashOrQuery_Accepted(string app)
    {
        var session = Handshaken();

        var actions = session.OnMessage(Connect(app));

        Assert.Equal(
            ["WindowAcknowledgementSize", "SetPeerBandwidth", "SetChunkSize", "_result NetConnection.Connect.Success"],
            Sent(actions).Select(Summary));
        Assert.Equal("live", session.App);
    }

    [Fact]
    public void PublishBeforeCreateStream_BadNameAndClose_NoValidation()
    {
        var session = Connected();

        var actions = session.OnMessage(Publish("abc", streamId: 0));

        Assert.DoesNotContain(actions, a => a is RtmpValidateKeyAction);
        Assert.Equal(["onStatus NetStream.Publish.BadName"], Sent(actions).Select(Summary));
        Assert.Equal(new RtmpCloseAction(RtmpCloseReason.PublishBeforeCreateStream), actions[^1]);
    }

    [Fact]
    public void SecondPublish_WhilePublishing_EndsTheFirstAndCloses()
    {
        var session = AwaitingDecision();
        session.OnKeyDecision(RtmpKeyDecision.Accept);

        var actions = session.OnMessage(Publish("other"));

        Assert.Equal(new RtmpPublishEndedAction("abc"), actions[0]);
        Assert.Equal(["onStatus NetStream.Publish.BadName"], Sent(actions).Select(Summary));
        Assert.Equal(new RtmpCloseAction(RtmpCloseReason.AlreadyPublishing), actions[^1]);
    }

    [Fact]
    public void SecondPublish_WhileValidating_Closes_LateDecisionIgnored()
    {
        var session = AwaitingDecision();

        var actions = session.OnMessage(Publish("other"));

        Assert.Equal(new RtmpCloseAction(RtmpCloseReason.AlreadyPublishing), actions[^1]);
        Assert.DoesNotContain(actions, a => a is RtmpPublishEndedAction);
        Assert.Empty(session.OnKeyDecision(RtmpKeyDecision.Accept));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData("key with space")]
    [InlineData("?token=1")]
    public void InvalidKeyFormat_BadNameWithoutValidation(string key)
    {
        var session = StreamCreated();

        var actions = session.OnMessage(Publish(key));

        Assert.DoesNotContain(actions, a => a is RtmpValidateKeyAction);
        Assert.Equal(new RtmpCloseAction(RtmpCloseReason.InvalidStreamKey), actions[^1]);
    }

    [Fact]
    public void KeyLongerThan128_Invalid()
    {
        Assert.True(StreamKeyFormat.TryParse(new string('a', 128), out _));
        Assert.False(StreamKeyFormat.TryParse(new string('a', 129), out _));
    }

    [Fact]
    public void CommandBeforeConnect_ProtocolError()
    {
        var session = Handshaken();

        var error = Assert.Throws<RtmpProtocolException>(() => session.OnMessage(Command(RtmpCommandNames.CreateStream, 2)));

        Assert.Equal(RtmpProtocolError.UnexpectedCommand, error.Error);
    }

    [Fact]
    public void SecondConnect_ProtocolError()
    {
        var session = Connected();

        Assert.Equal(RtmpProtocolError.UnexpectedCommand, Assert.Throws<RtmpProtocolException>(() => session.OnMessage(Connect("live"))).Error);
    }

    [Fact]
    public void PingRequest_PingResponseWithSameValue()
    {
        var session = Connected();

        var reply = Assert.Single(Sent(session.OnMessage(RtmpUserControl.Event(RtmpUserControl.PingRequestEvent, 1234))));

        Assert.Equal((RtmpUserControl.PingResponseEvent, 1234u), RtmpUserControl.Read(reply.Payload.Span));
    }

    [Fact]
    public void WindowAcknowledgementSize_AcknowledgesEachWindow()
    {
        var session = Connected();
        session.OnMessage(RtmpControlMessages.WindowAcknowledgementSize(1000));

        Assert.Empty(session.OnBytesReceived(600));
        var ack = Assert.Single(Sent(session.OnBytesReceived(500)));

        Assert.Equal(RtmpMessageType.Acknowledgement, ack.Type);
        Assert.Equal(1100u, RtmpControlMessages.ReadUInt32(ack.Payload.Span, "ack"));
        Assert.Empty(session.OnBytesReceived(899));
    }

    [Fact]
    public void Disconnect_WhilePublishing_PublishEnded()
    {
        var session = AwaitingDecision();
        session.OnKeyDecision(RtmpKeyDecision.Accept);

        Assert.Equal([new RtmpPublishEndedAction("abc")], session.OnDisconnected());
        Assert.Empty(session.OnDisconnected());
    }

    [Fact]
    public void KeyDecision_WithoutPublish_InvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => Connected().OnKeyDecision(RtmpKeyDecision.Accept));
    }

    private static RtmpSessionStateMachine Handshaken()
    {
        var session = new RtmpSessionStateMachine(RtmpProtocolOptions.Default);
        session.OnHandshakeCompleted();
        return session;
    }

    private static RtmpSessionStateMachine Connected()
    {
        var session = Handshaken();
        session.OnMessage(Connect("live"));
        Assert.Equal(RtmpSessionState.Connected, session.State);
        return session;
    }

    private static RtmpSessionStateMachine StreamCreated()
    {
        var session = Connected();
        session.OnMessage(Command(RtmpCommandNames.CreateStream, 4));
        return session;
    }

    private static RtmpSessionStateMachine AwaitingDecision()
    {
        var session = StreamCreated();
        Assert.IsType<RtmpValidateKeyAction>(Assert.Single(session.OnMessage(Publish("abc"))));
        return session;
    }
}
