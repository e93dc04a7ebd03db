namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>What the session state machine asks its socket layer to do, in order.</summary>
public abstract record RtmpAction;

/// <summary>Write this message to the client.</summary>
public sealed record RtmpSendAction(RtmpMessage Message) : RtmpAction;

/// <summary>Check the stream key and answer with <see cref="RtmpSessionStateMachine.OnKeyDecision"/>.</summary>
public sealed record RtmpValidateKeyAction(string App, string StreamKey) : RtmpAction;

/// <summary>An audio, video or data message of the accepted publish, in arrival order.</summary>
public sealed record RtmpDeliverMediaAction(RtmpMessage Message) : RtmpAction;

/// <summary>The accepted publish is over (unpublish, close, or a protocol problem): finish the FFmpeg input.</summary>
public sealed record RtmpPublishEndedAction(string StreamKey) : RtmpAction;

/// <summary>Flush what was sent and close the connection.</summary>
public sealed record RtmpCloseAction(RtmpCloseReason Reason) : RtmpAction;
