namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

internal enum RtmpHandshakeStage
{
    AwaitingC0C1,
    AwaitingC2,
    Completed,
}
