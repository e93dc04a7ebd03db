namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>
/// The publish session, pure: Handshake → AwaitingConnect → Connected(app) → StreamCreated → ValidatingKey →
/// Publishing(key) → Closed. It takes parsed messages and answers with actions, so the socket layer stays thin.
/// The key is validated by the caller before NetStream.Publish.Start is ever sent.
/// </summary>
public sealed class RtmpSessionStateMachine(RtmpProtocolOptions options)
{
    public const string Application = "live";
    public const uint PublishStreamId = 1;

    private readonly RtmpAcknowledger acknowledger = new();

    public RtmpSessionState State { get; private set; }

    public string? App { get; private set; }

    /// <summary>The key of the publish request, set once it passed the format check.</summary>
    public string? StreamKey { get; private set; }

    public void OnHandshakeCompleted()
    {
        Require(RtmpSessionState.Handshake);
        State = RtmpSessionState.AwaitingConnect;
    }

    /// <exception cref="RtmpProtocolException">A malformed command, or a command out of order before connect.</exception>
    public IReadOnlyList<RtmpAction> OnMessage(RtmpMessage message)
    {
        if (State == RtmpSessionState.Handshake)
        {
            throw new InvalidOperationException("No RTMP message can arrive before the handshake completed.");
        }

        if (State == RtmpSessionState.Closed)
        {
            return [];
        }

        switch (message.Type)
        {
            case RtmpMessageType.CommandAmf0 or RtmpMessageType.CommandAmf3:
                return OnCommand(RtmpCommandParser.Parse(message, options.MaxAmfDepth));
            case RtmpMessageType.Audio or RtmpMessageType.Video or RtmpMessageType.DataAmf0 or RtmpMessageType.DataAmf3:
                return State == RtmpSessionState.Publishing ? [new RtmpDeliverMediaAction(message)] : [];
            case RtmpMessageType.WindowAcknowledgementSize:
                acknowledger.SetWindow(RtmpControlMessages.ReadUInt32(message.Payload.Span, "Window Acknowledgement Size"));
                return [];
            case RtmpMessageType.UserControl:
                var (eventType, value) = RtmpUserControl.Read(message.Payload.Span);
                return eventType == RtmpUserControl.PingRequestEvent ? [Send(RtmpUserControl.PingResponse(value))] : [];
            default:
                return [];
        }
    }

    public IReadOnlyList<RtmpAction> OnBytesReceived(long count) =>
        acknowledger.OnReceived(count) is { } ack ? [Send(ack)] : [];

    /// <summary>The caller's answer to <see cref="RtmpValidateKeyAction"/>.</summary>
    public IReadOnlyList<RtmpAction> OnKeyDecision(RtmpKeyDecision decision)
    {
        if (State == RtmpSessionState.Closed)
        {
            return [];
        }

        Require(RtmpSessionState.ValidatingKey);
        if (decision != RtmpKeyDecision.Accept)
        {
            return Close(RtmpCloseReason.KeyRejected, RtmpReplies.PublishBadName(PublishStreamId, "Stream key rejected."));
        }

        State = RtmpSessionState.Publishing;
        return [Send(RtmpUserControl.StreamBegin(PublishStreamId)), Send(RtmpReplies.PublishStart(PublishStreamId))];
    }

    /// <summary>The TCP connection is gone (FIN, RST, timeout or an exception).</summary>
    public IReadOnlyList<RtmpAction> OnDisconnected()
    {
        IReadOnlyList<RtmpAction> actions = State == RtmpSessionState.Publishing ? [new RtmpPublishEndedAction(StreamKey!)] : [];
        State = RtmpSessionState.Closed;
        return actions;
    }

    private IReadOnlyList<RtmpAction> OnCommand(RtmpCommand command)
    {
        var isConnect = command.Name == RtmpCommandNames.Connect;
        if (isConnect != (State == RtmpSessionState.AwaitingConnect))
        {
            throw new RtmpProtocolException(RtmpProtocolError.UnexpectedCommand, $"{command.Name} while {State}");
        }

        return command.Name switch
        {
            RtmpCommandNames.Connect => Connect(command),
            RtmpCommandNames.CreateStream => CreateStream(command),
            RtmpCommandNames.Publish => Publish(command),
            RtmpCommandNames.FcUnpublish or RtmpCommandNames.DeleteStream or RtmpCommandNames.CloseStream => EndPublish(),

            // releaseStream, FCPublish, _checkbw, getStreamLength...: nothing a publisher waits for.
            _ => [],
        };
    }

    private List<RtmpAction> Connect(RtmpCommand command)
    {
        var app = NormalizeApp((command.CommandObject as AmfObject)?.FindString("app"));
        if (app != Application)
        {
            return Close(RtmpCloseReason.WrongApplication, RtmpReplies.ConnectRejected(command.TransactionId, "Unknown application."));
        }

        App = app;
        State = RtmpSessionState.Connected;
        return
        [
            Send(RtmpControlMessages.WindowAcknowledgementSize(options.AcknowledgementWindow)),
            Send(RtmpControlMessages.SetPeerBandwidth(options.AcknowledgementWindow, RtmpControlMessages.DynamicLimit)),
            Send(RtmpControlMessages.SetChunkSize(options.OutgoingChunkSize)),
            Send(RtmpReplies.ConnectResult(command.TransactionId)),
        ];
    }

    private IReadOnlyList<RtmpAction> CreateStream(RtmpCommand command)
    {
        if (State == RtmpSessionState.Connected)
        {
            State = RtmpSessionState.StreamCreated;
        }

        return [Send(RtmpReplies.CreateStreamResult(command.TransactionId, PublishStreamId))];
    }

    private List<RtmpAction> Publish(RtmpCommand command)
    {
        if (State is RtmpSessionState.ValidatingKey or RtmpSessionState.Publishing)
        {
            // One publish per connection; a second one means a confused client, and it loses the first too.
            var ended = State == RtmpSessionState.Publishing ? new RtmpPublishEndedAction(StreamKey!) : null;
            var actions = Close(RtmpCloseReason.AlreadyPublishing, RtmpReplies.PublishBadName(command.StreamId, "Already publishing."));
            return ended is null ? actions : [ended, .. actions];
        }

        if (State != RtmpSessionState.StreamCreated || command.StreamId != PublishStreamId)
        {
            return Close(RtmpCloseReason.PublishBeforeCreateStream, RtmpReplies.PublishBadName(command.StreamId, "publish needs createStream first."));
        }

        if (command.StringArgument(0) is not { } name || !StreamKeyFormat.TryParse(name, out var key))
        {
            return Close(RtmpCloseReason.InvalidStreamKey, RtmpReplies.PublishBadName(PublishStreamId, "Invalid stream key."));
        }

        StreamKey = key;
        State = RtmpSessionState.ValidatingKey;
        return [new RtmpValidateKeyAction(App!, key)];
    }

    private List<RtmpAction> EndPublish()
    {
        return State switch
        {
            RtmpSessionState.Publishing => [new RtmpPublishEndedAction(StreamKey!), .. Close(RtmpCloseReason.Unpublished)],
            RtmpSessionState.ValidatingKey => Close(RtmpCloseReason.Unpublished),
            _ => [],
        };
    }

    private List<RtmpAction> Close(RtmpCloseReason reason, params IEnumerable<RtmpMessage> messages)
    {
        State = RtmpSessionState.Closed;
        return [.. messages.Select(Send), new RtmpCloseAction(reason)];
    }

    private static string? NormalizeApp(string? app)
    {
        var query = app?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        return (query < 0 ? app : app![..query])?.Trim('/');
    }

    private static RtmpSendAction Send(RtmpMessage message) => new(message);

    private void Require(RtmpSessionState expected)
    {
        if (State != expected)
        {
            throw new InvalidOperationException($"Expected state {expected}, the session is {State}.");
        }
    }
}
