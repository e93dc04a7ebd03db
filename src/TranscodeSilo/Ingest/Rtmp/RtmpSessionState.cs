namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

public enum RtmpSessionState
{
    Handshake = 0,
    AwaitingConnect,
    Connected,
    StreamCreated,
    ValidatingKey,
    Publishing,
    Closed,
}
