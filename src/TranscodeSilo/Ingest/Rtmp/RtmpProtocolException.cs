namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>The peer broke the protocol or one of our limits; the caller closes that one connection.</summary>
public sealed class RtmpProtocolException : Exception
{
    public RtmpProtocolException()
    {
    }

    public RtmpProtocolException(string message)
        : base(message)
    {
    }

    public RtmpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RtmpProtocolException(RtmpProtocolError error, string message)
        : base($"{error}: {message}")
    {
        Error = error;
    }

    public RtmpProtocolError Error { get; }
}
