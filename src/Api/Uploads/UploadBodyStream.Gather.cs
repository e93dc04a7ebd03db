using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Api.Uploads;

public sealed partial class UploadBodyStream
{
    // Linux takes at most 1024 buffers per pwritev.
    private const int MaxBuffersPerWrite = 512;

    /// <summary>
    /// Kestrel hands a body over as the blocks its socket reads filled. Written one by one, each block is a write call
    /// and a thread-pool hop; here every block a read returns goes to the file in one gathering positional write
    /// (pwritev), straight from Kestrel's memory. For a 256 MiB PATCH on the Api, strace counted 512 such writes
    /// against 2081 socket reads. Blocks are counted, limited and hashed before they are written; a failing disk is
    /// not the body's failure.
    /// </summary>
    private async Task GatherIntoAsync(PipeReader reader, FileStream file, CancellationToken cancellationToken)
    {
        var handle = file.SafeFileHandle;
        var offset = file.Position;
        var blocks = new List<ReadOnlyMemory<byte>>(MaxBuffersPerWrite);
        if (direct is not null && await WaitForTransportPauseAsync(direct, reader, cancellationToken) is { } held)
        {
            offset = await TakeOverAsync(direct, reader, held, handle, offset, blocks, cancellationToken);
            file.Seek(offset, SeekOrigin.Begin);
            return;
        }

        // Writes end on page boundaries (see BodyWritePlan): a read's last partial page stays in the pipe for the next
        // read, unless the body ends. A copy of it is kept in case the next read fails (the client's end), so that every
        // byte that arrived is still written; not after cancellation (the lease is gone, another request may write).
        var tail = new byte[BodyWritePlan.PageBytes];
        var tailLength = 0;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await ReadBodyAsync(reader, cancellationToken);
            }
            catch (Exception ex) when (tailLength > 0 && ex is not OperationCanceledException)
            {
                await WriteBlocksAsync(new ReadOnlySequence<byte>(tail, 0, tailLength), handle, offset, blocks, CancellationToken.None);
                throw;
            }

            var buffer = result.Buffer;
            var part = result.IsCompleted ? buffer : buffer.Slice(0, BodyWritePlan.UpToPage(offset, buffer.Length));
            try
            {
                offset = await WriteBlocksAsync(part, handle, offset, blocks, cancellationToken);
                var rest = buffer.Slice(part.End);
                rest.CopyTo(tail);
                tailLength = (int)rest.Length;
            }
            finally
            {
                reader.AdvanceTo(part.End, buffer.End);
            }

            if (result.IsCompleted)
            {
                file.Seek(offset, SeekOrigin.Begin);
                return;
            }
        }
    }

    private async ValueTask<ReadResult> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            Failure = ex;
            throw;
        }
    }

    /// <summary>Counts, limits and hashes the blocks of <paramref name="buffer"/>, then writes them in gathering writes.</summary>
    private async Task<long> WriteBlocksAsync(
        ReadOnlySequence<byte> buffer, SafeFileHandle handle, long offset, List<ReadOnlyMemory<byte>> blocks, CancellationToken cancellationToken)
    {
        foreach (var block in buffer)
        {
            Accept(block.Span);
            blocks.Add(block);
            if (blocks.Count == MaxBuffersPerWrite)
            {
                offset = await WriteAsync(handle, blocks, offset, cancellationToken);
            }
        }

        return await WriteAsync(handle, blocks, offset, cancellationToken);
    }

    private static async Task<long> WriteAsync(SafeFileHandle handle, List<ReadOnlyMemory<byte>> blocks, long offset, CancellationToken cancellationToken)
    {
        if (blocks.Count == 0)
        {
            return offset;
        }

        await RandomAccess.WriteAsync(handle, blocks, offset, cancellationToken);
        foreach (var block in blocks)
        {
            offset += block.Length;
        }

        blocks.Clear();
        return offset;
    }
}
