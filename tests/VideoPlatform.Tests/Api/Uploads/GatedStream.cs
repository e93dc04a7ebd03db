using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>A body that sends its first bytes, then waits until the test releases it (a PATCH held open mid-body).</summary>
internal sealed class GatedStream(byte[] content, int releaseAfter) : AsyncReadStream
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int position;

    public Task Reached => reached.Task;

    public void Release() => released.TrySetResult();

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
}
