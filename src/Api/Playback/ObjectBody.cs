using System.IO.Pipelines;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Writes an opened object into the response, reading straight into Kestrel's output buffers in large chunks:
/// <c>Stream.CopyToAsync(Response.Body)</c> copies every byte twice (an intermediate buffer, then small pipe blocks)
/// and, for an async file, hops to the thread pool on every read.
/// </summary>
public static class ObjectBody
{
    /// <summary>Large enough that a 1-2 MiB segment takes a handful of reads and flushes.</summary>
    private const int ChunkSize = 256 * 1024;

    public static async Task WriteAsync(ObjectContent content, PipeWriter writer, CancellationToken cancellationToken)
    {
        var offset = content.Offset;
        var remaining = content.Length;
        while (remaining > 0)
        {
            var buffer = writer.GetMemory((int)Math.Min(remaining, ChunkSize));
            buffer = buffer[..(int)Math.Min(buffer.Length, remaining)];
            // A local file is read synchronously at its offset: the bytes are normally in the page cache, and a
            // blocking pread of one chunk is cheaper than handing it to the thread pool.
            var read = content.LocalFile is { } file
                ? RandomAccess.Read(file, buffer.Span, offset)
                : await content.Stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"'{content.Info.Key}' ended {remaining} bytes before its length");
            }

            writer.Advance(read);
            offset += read;
            remaining -= read;
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return; // the client went away
            }
        }
    }
}
