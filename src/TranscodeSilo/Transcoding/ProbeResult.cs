namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Bad media is an expected answer, not an exception.</summary>
public abstract record ProbeResult
{
    private ProbeResult()
    {
    }

    public sealed record Accepted(SourceInfo Source) : ProbeResult;

    public sealed record Rejected(MediaRejection Rejection) : ProbeResult;

    public static ProbeResult Reject(RejectionReason reason, string message) => new Rejected(new MediaRejection(reason, message));
}
