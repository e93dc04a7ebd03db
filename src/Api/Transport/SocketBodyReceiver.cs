using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoPlatform.Api.Transport;

/// <summary>
/// Receives the rest of a large HTTP/1.1 request body straight from the connection's socket into a file, on a thread
/// of its own: a receive of up to 1 MiB, then one positional write, with no pipe, no pool blocks and no thread-pool
/// hop in between. On this project's 2-core VM a plain loop of that kind took a 2 GiB body at 0.79-0.87 of a local
/// file copy where Kestrel's receive path (async receives into pipe blocks, a hop per read) took 0.61-0.71; the
/// benchmark's bare sink (3d) read 0.61-0.81 with this class in four runs, 0.51-0.73 before (docs/benchmarks.md).
/// <para>
/// The hand-over is safe because Kestrel stops reading the socket by itself: its socket transport pauses once
/// <see cref="TransportPauseBytes"/> received bytes wait in the connection's pipe that no reader has examined (the
/// transport's <c>MaxReadBufferSize</c>, which <see cref="TransportServices"/> sets and <see cref="DirectBodyReceive"/>
/// checks). System.IO.Pipelines counts examined bytes as read for this, whether consumed or not. So
/// <see cref="WaitForPauseAsync"/> examines what has arrived once, then looks again without examining more until that
/// much more has arrived: the transport's receive loop is then parked, and the next bytes on the socket are the body's
/// next bytes. The caller writes the buffered bytes first, <see cref="ReceiveIntoAsync"/> the rest. Kestrel still
/// counts those bytes as unread, so the response asks the client to close the connection (<c>Connection: close</c>):
/// nothing more is read from it as HTTP.
/// </para>
/// </summary>
public sealed partial class SocketBodyReceiver
{
    /// <summary>Unexamined bytes Kestrel's socket transport holds for a connection before it stops receiving.</summary>
    public const long TransportPauseBytes = 1L << 20;

    /// <summary>A body that sends nothing for this long is treated as broken off, as Kestrel's data-rate limit would.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private const int ChunkBytes = 1 << 20;

    private const int PollSliceMilliseconds = 200;

    private readonly Socket socket;
    private readonly HttpResponse response;

    internal SocketBodyReceiver(Socket socket, HttpResponse response, long bodyLength)
    {
        this.socket = socket;
        this.response = response;
        BodyLength = bodyLength;
    }

    /// <summary>The request's Content-Length.</summary>
    public long BodyLength { get; }

    /// <summary>Checks (and may reject, by throwing) a received chunk before it is written.</summary>
    public delegate void ChunkCheck(ReadOnlySpan<byte> chunk);

    /// <summary>
    /// Whether Kestrel has certainly stopped receiving and more of the body is to come, given the body bytes it holds
    /// (<paramref name="buffered"/>, none consumed) of which <paramref name="unexamined"/> were not yet examined.
    /// </summary>
    public bool CanTakeOver(long unexamined, long buffered) => unexamined >= TransportPauseBytes && buffered < BodyLength;

    /// <summary>Whether more of the body is still to come beyond the <paramref name="buffered"/> bytes.</summary>
    public bool MoreToCome(long buffered) => buffered < BodyLength;

    /// <summary>
    /// Receives <paramref name="count"/> bytes from the socket, passes each chunk to <paramref name="check"/>, and writes
    /// it at <paramref name="offset"/> onwards. Returns the offset after the last written byte. Throws
    /// <see cref="BodyReceiveException"/> when the client closes or resets the connection, or stays silent for
    /// <see cref="IdleTimeout"/>; what arrived before is written. A failing write throws what the file system threw.
    /// </summary>
    public Task<long> ReceiveIntoAsync(SafeFileHandle file, long offset, long count, ChunkCheck check, CancellationToken cancellationToken)
    {
        // The client must open a new connection for its next request: Kestrel's count of this body is not met.
        response.Headers.Connection = "close";
        return Task.Factory.StartNew(
            () => Receive(file, offset, count, check, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private long Receive(SafeFileHandle file, long offset, long count, ChunkCheck check, CancellationToken cancellationToken)
    {
        var handle = socket.SafeHandle;
        var added = false;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            var idleSince = Environment.TickCount64;
            while (count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var want = (int)Math.Min(ChunkBytes, count);
                var received = LinuxSocketCalls.Receive(fd, ref MemoryMarshal.GetArrayDataReference(buffer), want, 0);
                if (received > 0)
                {
                    var chunk = buffer.AsSpan(0, (int)received);
                    check(chunk);
                    RandomAccess.Write(file, chunk, offset);
                    offset += received;
                    count -= received;
                    idleSince = Environment.TickCount64;
                    continue;
                }

                if (received == 0)
                {
                    throw new BodyReceiveException("The client closed the connection before the body ended");
                }

                var error = Marshal.GetLastPInvokeError();
                if (error == LinuxSocketCalls.EINTR)
                {
                    continue;
                }

                if (error != LinuxSocketCalls.EAGAIN)
                {
                    throw new BodyReceiveException($"Receiving the body failed (errno {error})");
                }

                if (Environment.TickCount64 - idleSince > (long)IdleTimeout.TotalMilliseconds)
                {
                    throw new BodyReceiveException($"The client sent nothing for {IdleTimeout.TotalSeconds:0} s");
                }

                // The socket is non-blocking (Kestrel's): wait for data, or for the connection's end, which the next
                // receive reports. In slices, so that cancellation and silence are noticed.
                var poll = new LinuxSocketCalls.PollFd { Fd = fd, Events = LinuxSocketCalls.POLLIN };
                if (LinuxSocketCalls.Poll(ref poll, 1, PollSliceMilliseconds) < 0 && Marshal.GetLastPInvokeError() is var pollError && pollError != LinuxSocketCalls.EINTR)
                {
                    throw new BodyReceiveException($"Waiting for the body failed (errno {pollError})");
                }
            }

            return offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
