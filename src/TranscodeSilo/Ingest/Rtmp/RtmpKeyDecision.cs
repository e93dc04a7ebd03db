namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

public enum RtmpKeyDecision
{
    Reject = 0,
    Accept,
}
