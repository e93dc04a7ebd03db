namespace VideoPlatform.Api.Transport;

/// <summary>
/// The socket's receive low-water mark (SO_RCVLOWAT) while <see cref="SocketBodyReceiver"/> reads it: the kernel then
/// reports the socket readable once that much has arrived (or the connection ends, or its receive window is nearly
/// closed), so each wake-up of the receiver, and of the runtime's epoll engine that still watches a kept-alive
/// connection, moves a quarter of a stage rather than a segment or two. With the bench's sink and a C# client (2 GiB,
/// 9 pairs, 2026-12-06) it took the sink's CPU per body from 0.69-0.99 s (median 0.82) to 0.61-0.75 s (median 0.65),
/// at the same throughput. Lowered to what is still to come near the end, so the last bytes are not waited for.
/// </summary>
public sealed class LowWater
{
    /// <summary>Bytes to wake for: a quarter of a stage, four loopback segments, about 180 full Ethernet frames.</summary>
    public const int WakeBytes = 256 << 10;

    private readonly int fd;
    private int mark = 1;

    public LowWater(int fd)
    {
        this.fd = fd;
        Set(WakeBytes);
    }

    /// <summary>Lowers the mark to <paramref name="toCome"/> bytes once fewer than the mark are still to come.</summary>
    public void Lower(long toCome)
    {
        if (toCome < mark)
        {
            Set((int)Math.Max(toCome, 1));
        }
    }

    /// <summary>Back to the default (1), as the runtime expects it.</summary>
    public void Restore() => Set(1);

    // Best effort: a socket that refuses keeps waking as it did.
    private void Set(int bytes)
    {
        var value = bytes;
        if (LinuxSocketCalls.SetOption(fd, LinuxSocketCalls.SOL_SOCKET, LinuxSocketCalls.SO_RCVLOWAT, ref value, sizeof(int)) == 0)
        {
            mark = bytes;
        }
    }
}
