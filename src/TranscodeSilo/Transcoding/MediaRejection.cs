namespace VideoPlatform.TranscodeSilo.Transcoding;

public enum RejectionReason
{
    Empty,
    NotVideo,
    Corrupt,
    TooLong,
    UnsupportedCodec,
    TooLarge,
    TimedOut,
}

/// <summary>Why a source cannot become a video; <see cref="Code"/> is the API's failure.code.</summary>
public sealed record MediaRejection(RejectionReason Reason, string Message)
{
    public string Code => Reason switch
    {
        RejectionReason.Empty => "empty",
        RejectionReason.NotVideo => "not_video",
        RejectionReason.Corrupt => "corrupt",
        RejectionReason.TooLong => "too_long",
        RejectionReason.UnsupportedCodec => "unsupported_codec",
        RejectionReason.TooLarge => "too_large",
        RejectionReason.TimedOut => "transcode_timeout",
        _ => throw new ArgumentOutOfRangeException(nameof(Reason), Reason, null),
    };
}
