using System.Security.Cryptography;

namespace VideoPlatform.Api.Uploads;

/// <summary>
/// A PATCH body as the writers read it: counts bytes, feeds the checksum, refuses to go past what the upload still
/// lacks, and remembers whether reading failed (a broken connection) so writers can keep what arrived before.
/// Writers copy it with the base read loop, so a failing destination (the disk) never counts as the body's failure.
/// </summary>
public sealed class UploadBodyStream(Stream inner, long limit, IncrementalHash? hash) : Stream
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

        if (BytesRead + read > limit)
        {
            TooLarge = true;
            Failure = new InvalidOperationException($"The body is longer than the {limit} bytes the upload lacks");
            throw Failure;
        }

        hash?.AppendData(buffer.Span[..read]);
        BytesRead += read;
        return read;
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
}
