namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

public enum RtmpCloseReason
{
    None = 0,
    WrongApplication,
    InvalidStreamKey,
    KeyRejected,
    PublishBeforeCreateStream,
    AlreadyPublishing,
    Unpublished,
}
