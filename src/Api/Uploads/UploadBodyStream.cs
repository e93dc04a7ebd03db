using System.IO.Pipelines;
using System.Security.Cryptography;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Api.Uploads;

/// <summary>
/// A PATCH body as the writers read it: counts bytes, feeds the checksum, refuses to go past what the upload still
/// lacks, and remembers whether reading failed (a broken connection) so writers can keep what arrived before.
/// </summary>
/// <param name="pipe">The request's body reader, when the body is Kestrel's: a file destination then takes each read's
/// received blocks in one gathering write (see the Gather part).</param>
/// <param name="direct">With <paramref name="pipe"/>: receives the rest of a large body straight from the socket into a
/// file destination (see the Gather part).</param>
public sealed partial class UploadBodyStream(Stream inner, long limit, IncrementalHash? hash, PipeReader? pipe = null, SocketBodyReceiver? direct = null) : Stream
{
    public long BytesRead { get; private set; }

    /// <summary>Set when reading the body threw (the client went away, the lease was lost, or the body ran past the limit).</summary>
    public Exception? Failure { get; private set; }

    public bool TooLarge { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            // One byte more than allowed is enough to tell that the body is too long.
            var want = (int)Math.Min(buffer.Length, limit - BytesRead + 1);
            read = await inner.ReadAsync(buffer[..Math.Max(want, 1)], cancellationToken);
        }
        catch (Exception ex)
        {
            Failure = ex;
            throw;
        }

        Accept(buffer.Span[..read]);
        return read;
    }

    /// <summary>
    /// Hands the body to <paramref name="destination"/> as Kestrel received it: its request stream writes each buffered
    /// segment straight to the destination, which saves copying every byte into an intermediate buffer first. Counting,
    /// the limit and the checksum are applied per segment before it is written. Failures of the destination itself
    /// (the disk) are not the body's failure: they propagate without <see cref="Failure"/> set.
    /// </summary>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        if (pipe is not null && destination is FileStream { CanSeek: true } file)
        {
            await GatherIntoAsync(pipe, file, cancellationToken);
            return;
        }

        var sink = new Sink(this, destination);
        try
        {
            await inner.CopyToAsync(sink, bufferSize, cancellationToken);
        }
        catch (Exception ex) when (!sink.DestinationFailed)
        {
            Failure ??= ex;
            throw;
        }
    }

    private void Accept(ReadOnlySpan<byte> segment)
    {
        EnsureWithinLimit(segment.Length);
        hash?.AppendData(segment);
        BytesRead += segment.Length;
    }

    /// <summary>Counts and limits bytes written without being seen (no checksum asked for: see the Direct part).</summary>
    private void Admit(int length)
    {
        EnsureWithinLimit(length);
        BytesRead += length;
    }

    private void EnsureWithinLimit(int length)
    {
        if (BytesRead + length > limit)
        {
            TooLarge = true;
            Failure = new InvalidOperationException($"The body is longer than the {limit} bytes the upload lacks");
            throw Failure;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the body asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The write side of <see cref="CopyToAsync(Stream, int, CancellationToken)"/>: checks a segment, then writes it on.</summary>
    private sealed class Sink(UploadBodyStream body, Stream destination) : Stream
    {
        public bool DestinationFailed { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            body.Accept(buffer.Span);
            try
            {
                await destination.WriteAsync(buffer, cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                DestinationFailed = true;
                throw;
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Write the body asynchronously");

        public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

        public override void Flush() => destination.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
