namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Command names exchanged while publishing.</summary>
public static class RtmpCommandNames
{
    public const string Connect = "connect";
    public const string ReleaseStream = "releaseStream";
    public const string FcPublish = "FCPublish";
    public const string CreateStream = "createStream";
    public const string Publish = "publish";
    public const string FcUnpublish = "FCUnpublish";
    public const string DeleteStream = "deleteStream";
    public const string CloseStream = "closeStream";
    public const string Result = "_result";
    public const string Error = "_error";
    public const string OnStatus = "onStatus";
    public const string OnFcPublish = "onFCPublish";
}
