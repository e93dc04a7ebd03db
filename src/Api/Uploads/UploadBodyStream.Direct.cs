using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Api.Uploads;

public sealed partial class UploadBodyStream
{
    // Pauses between looks at Kestrel's pipe while it fills: short at first (a local client fills 1 MiB in well under
    // a millisecond), longer while a slow client sends nothing new.
    private const int FirstLookPauseMilliseconds = 1;

    private const int LongestLookPauseMilliseconds = 32;

    /// <summary>
    /// Waits until Kestrel has stopped receiving this body (see <see cref="SocketBodyReceiver"/>): examines what has
    /// arrived once, then looks again, examining nothing more, until <see cref="SocketBodyReceiver.TransportPauseBytes"/>
    /// unexamined bytes wait. Returns that read's buffer, not yet advanced, or null when the body goes through Kestrel
    /// after all (it is all here, it ended, or its client stayed silent): the reader is then advanced, nothing consumed.
    /// </summary>
    private async Task<ReadOnlySequence<byte>?> WaitForTransportPauseAsync(SocketBodyReceiver receiver, PipeReader reader, CancellationToken cancellationToken)
    {
        var first = await ReadBodyAsync(reader, cancellationToken);
        if (first.IsCompleted || !receiver.MoreToCome(first.Buffer.Length))
        {
            reader.AdvanceTo(first.Buffer.Start);
            return null;
        }

        // Examined bytes count as read for the pipe's pause, consumed or not: from here on it holds back only what
        // arrives after them.
        var examined = first.Buffer.Length;
        reader.AdvanceTo(first.Buffer.Start, first.Buffer.End);
        var seen = examined;
        var grewAt = Environment.TickCount64;
        var pause = FirstLookPauseMilliseconds;
        while (true)
        {
            var result = await ReadBodyAsync(reader, cancellationToken);
            var buffer = result.Buffer;
            if (!result.IsCompleted && receiver.CanTakeOver(buffer.Length - examined, buffer.Length))
            {
                return buffer;
            }

            reader.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
            if (buffer.Length > seen)
            {
                (seen, grewAt, pause) = (buffer.Length, Environment.TickCount64, FirstLookPauseMilliseconds);
            }
            else
            {
                pause = Math.Min(pause * 2, LongestLookPauseMilliseconds);
            }

            var silent = Environment.TickCount64 - grewAt > (long)SocketBodyReceiver.IdleTimeout.TotalMilliseconds;
            if (result.IsCompleted || !receiver.MoreToCome(buffer.Length) || silent)
            {
                return null;
            }

            // The next read returns at once (unexamined bytes wait), so the pause is here.
            await Task.Delay(pause, cancellationToken);
        }
    }

    /// <summary>
    /// Writes the body bytes Kestrel holds (<paramref name="buffer"/>), then lets <paramref name="receiver"/> receive the
    /// rest straight from the socket behind them. Every chunk is counted, limited and hashed before it is written. A
    /// broken connection, silence or cancellation is the body's failure (what arrived before is on disk); a failing
    /// disk is not.
    /// </summary>
    private async Task<long> TakeOverAsync(
        SocketBodyReceiver receiver, PipeReader reader, ReadOnlySequence<byte> buffer, SafeFileHandle handle, long offset,
        List<ReadOnlyMemory<byte>> blocks, CancellationToken cancellationToken)
    {
        try
        {
            offset = await WriteBlocksAsync(buffer, handle, offset, blocks, cancellationToken);
            // The rest's blocks, reserved at once (never past what the upload lacks): perf put ext4's per-page
            // reservations at about a tenth of the receiving thread's samples. A body that breaks off leaves the rest
            // reserved past the file's end, where its resumption writes (deleting the upload frees it).
            LinuxFileCalls.TryPreallocate(handle, offset, Math.Min(receiver.BodyLength, limit) - BytesRead);
            try
            {
                return await receiver.ReceiveIntoAsync(handle, offset, receiver.BodyLength - BytesRead, Accept, cancellationToken);
            }
            catch (Exception ex) when (ex is BodyReceiveException or OperationCanceledException)
            {
                Failure ??= ex;
                throw;
            }
        }
        finally
        {
            // Only now: consuming lets Kestrel's receive loop go on (it finds the client's end of the connection).
            reader.AdvanceTo(buffer.End);
        }
    }
}
