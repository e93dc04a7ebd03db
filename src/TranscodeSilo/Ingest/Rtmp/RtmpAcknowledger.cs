namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Counts received bytes and produces an Acknowledgement each time the client's window is crossed.</summary>
internal sealed class RtmpAcknowledger
{
    private uint window;
    private long received;
    private long acknowledged;

    public void SetWindow(uint bytes) => window = bytes;

    public RtmpMessage? OnReceived(long count)
    {
        received += count;
        if (window == 0 || received - acknowledged < window)
        {
            return null;
        }

        acknowledged = received;

        // The sequence number is a u32 on the wire and wraps on long sessions.
        return RtmpControlMessages.Acknowledgement(unchecked((uint)received));
    }
}
