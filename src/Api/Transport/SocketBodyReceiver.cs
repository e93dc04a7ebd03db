using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoPlatform.Api.Transport;

/// <summary>
/// Receives the rest of a large HTTP/1.1 request body straight from the connection's socket into a file, on a thread
/// of its own, with no Kestrel pipe, no pool blocks and no thread-pool hop in between: receives gather in a stage (a
/// buffer, or a kernel pipe when nobody needs to see the bytes) and go to the file in page-aligned writes
/// (<see cref="BodyWritePlan"/>). On this project's 2-core VM a plain receive-and-write loop took a 2 GiB body at
/// 0.79-0.87 of a local file copy where Kestrel's receive path took 0.61-0.71 (docs/benchmarks.md, 2026-12-06).
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

    /// <summary>The most a stage holds: one write's worth, page-aligned in the file (see <see cref="Pump"/>).</summary>
    internal const int ChunkBytes = 1 << 20;

    private const int PollSliceMilliseconds = 200;

    private readonly Socket socket;
    private readonly HttpResponse response;

    internal SocketBodyReceiver(Socket socket, HttpResponse response, long bodyLength)
    {
        this.socket = socket;
        this.response = response;
        BodyLength = bodyLength;
    }

    /// <summary>Writes made before the plan's aligned end because the stage had no room left (see <see cref="BodyWritePlan.WhenFull"/>).</summary>
    public int EarlyWrites { get; private set; }

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
        => OnOwnThread(() => Receive(file, offset, count, check, cancellationToken));

    private Task<long> OnOwnThread(Func<long> receive)
    {
        // The client must open a new connection for its next request: Kestrel's count of this body is not met.
        response.Headers.Connection = "close";
        return Task.Factory.StartNew(receive, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private long Receive(SafeFileHandle file, long offset, long count, ChunkCheck check, CancellationToken cancellationToken)
    {
        using var stage = new BufferStage(check);
        return Pump(stage, file, offset, count, cancellationToken);
    }

    /// <summary>
    /// Moves <paramref name="count"/> bytes from the socket through <paramref name="stage"/> into the file, waiting on the
    /// socket whenever nothing has arrived. Returns the offset after the last byte written. Writes end where
    /// <see cref="BodyWritePlan"/> says. A body that fails (the client's end, a check that refuses a chunk) still
    /// writes every staged byte, unless a write failed or the receive was canceled.
    /// </summary>
    private long Pump(IBodyStage stage, SafeFileHandle file, long offset, long count, CancellationToken cancellationToken)
    {
        using var descriptor = new HeldDescriptor(socket.SafeHandle);
        var fd = descriptor.Value;
        var staged = 0;
        var writeFailed = false;
        var lowWater = new LowWater(fd);
        try
        {
            var idleSince = Environment.TickCount64;
            while (count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var due = BodyWritePlan.Due(offset, count, stage.Capacity);
                var moved = stage.Fill(fd, due - staged);
                if (moved > 0)
                {
                    staged += (int)moved;
                    idleSince = Environment.TickCount64;
                    if (staged == due)
                    {
                        Write(due);
                    }

                    continue;
                }

                if (moved == 0)
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

                if (staged > 0 && BytesWaiting(fd) > 0)
                {
                    // Data waits, so the stage is what is full: write (most of) it early.
                    EarlyWrites++;
                    Write(BodyWritePlan.WhenFull(offset, staged));
                    continue;
                }

                if (Environment.TickCount64 - idleSince > (long)IdleTimeout.TotalMilliseconds)
                {
                    throw new BodyReceiveException($"The client sent nothing for {IdleTimeout.TotalSeconds:0} s");
                }

                // The socket is non-blocking (Kestrel's): wait for data, or for the connection's end, which the next
                // fill reports. In slices, so that cancellation and silence are noticed.
                lowWater.Lower(count - staged);
                WaitReadable(fd, PollSliceMilliseconds);
            }

            return offset;
        }
        catch (Exception ex) when (staged > 0 && !writeFailed && ex is not OperationCanceledException)
        {
            // What arrived is kept, as a body written chunk by chunk would have kept it. A disk that refuses it now
            // leaves the file shorter, which is what the upload's offset is then read from. Not after cancellation:
            // the upload's lease is gone, and another request may be writing the file.
            try
            {
                stage.Flush(file, offset, staged);
            }
            catch (IOException)
            {
            }

            throw;
        }
        finally
        {
            lowWater.Restore();
        }

        void Write(int length)
        {
            try
            {
                stage.Flush(file, offset, length);
            }
            catch (Exception)
            {
                writeFailed = true;
                throw;
            }

            staged -= length;
            offset += length;
            count -= length;
        }
    }

    /// <summary>Received bytes waiting on the socket, whatever its low-water mark (0 if that cannot be told).</summary>
    private static int BytesWaiting(int fd) =>
        LinuxSocketCalls.Control(fd, LinuxSocketCalls.FIONREAD, out var waiting) == 0 ? waiting : 0;

    /// <summary>Whether the socket has data (or its end) to read within <paramref name="milliseconds"/>.</summary>
    private static bool WaitReadable(int fd, int milliseconds)
    {
        var poll = new LinuxSocketCalls.PollFd { Fd = fd, Events = LinuxSocketCalls.POLLIN };
        var ready = LinuxSocketCalls.Poll(ref poll, 1, milliseconds);
        if (ready < 0 && Marshal.GetLastPInvokeError() is var error && error != LinuxSocketCalls.EINTR)
        {
            throw new BodyReceiveException($"Waiting for the body failed (errno {error})");
        }

        return ready > 0;
    }
}
