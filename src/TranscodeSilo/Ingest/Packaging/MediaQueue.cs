using System.Threading.Channels;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.TranscodeSilo.Ingest.Server;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>
/// Media between the socket and FFmpeg, bounded in bytes: a message counts from <see cref="TryAdd"/> until the pump
/// <see cref="Release"/>s it (written to FFmpeg), so messages held while the ladder is planned count too.
/// One writer (the socket loop), one reader (the pump).
/// </summary>
public sealed class MediaQueue(long capacityBytes, LiveIngestMetrics metrics)
{
    private readonly Channel<RtmpMessage> channel = Channel.CreateUnbounded<RtmpMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private long queued;

    public long QueuedBytes => Interlocked.Read(ref queued);

    /// <returns>False when the message would pass the cap (it is not queued): the caller drops the publisher.</returns>
    public bool TryAdd(RtmpMessage message)
    {
        var size = message.Payload.Length;
        var total = Interlocked.Add(ref queued, size);
        if (total > capacityBytes || !channel.Writer.TryWrite(message))
        {
            Interlocked.Add(ref queued, -size);
            return false;
        }

        metrics.Queued(size, total);
        return true;
    }

    public IAsyncEnumerable<RtmpMessage> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);

    public void Release(RtmpMessage message)
    {
        Interlocked.Add(ref queued, -message.Payload.Length);
        metrics.Released(message.Payload.Length);
    }

    /// <summary>No more messages; what is left unreleased leaves the node's total.</summary>
    public void Complete() => channel.Writer.TryComplete();

    /// <summary>The session is over: whatever was never written to FFmpeg stops counting.</summary>
    public void ReleaseAll()
    {
        Complete();
        while (channel.Reader.TryRead(out _))
        {
        }

        metrics.Released(Interlocked.Exchange(ref queued, 0));
    }
}
