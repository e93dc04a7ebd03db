namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>A body that sends its first bytes, then waits until the test releases it (a PATCH held open mid-body).</summary>
internal sealed class GatedStream(byte[] content, int releaseAfter) : Stream
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int position;

    public Task Reached => reached.Task;

    public void Release() => released.TrySetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => content.Length;
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= releaseAfter)
        {
            reached.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
        }

        var limit = position < releaseAfter ? releaseAfter : content.Length;
        var count = Math.Min(buffer.Length, limit - position);
        content.AsMemory(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
