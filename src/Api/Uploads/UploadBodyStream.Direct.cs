using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Api.Uploads;

public sealed partial class UploadBodyStream
{
    /// <summary>
    /// The buffered start of the body once Kestrel has stopped receiving it, or null when it goes through Kestrel after
    /// all (<see cref="SocketBodyReceiver.WaitForPauseAsync"/>). A read that fails is the body's failure.
    /// </summary>
    private async Task<ReadOnlySequence<byte>?> WaitForTransportPauseAsync(SocketBodyReceiver receiver, PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await receiver.WaitForPauseAsync(reader, cancellationToken);
        }
        catch (Exception ex)
        {
            Failure = ex;
            throw;
        }
    }

    /// <summary>
    /// Writes the body bytes Kestrel holds (<paramref name="buffer"/>), then lets <paramref name="receiver"/> receive the
    /// rest straight from the socket behind them. Every chunk is counted, limited and (when a checksum was asked for)
    /// hashed before it is written. A broken connection, silence or cancellation is the body's failure (what arrived
    /// before is on disk); a failing disk is not.
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
                // Without a checksum nobody needs to see the bytes: they can go from the socket to the file in the kernel.
                var rest = receiver.BodyLength - BytesRead;
                return hash is null
                    ? await receiver.SpliceIntoAsync(handle, offset, rest, Admit, cancellationToken)
                    : await receiver.ReceiveIntoAsync(handle, offset, rest, Accept, cancellationToken);
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
