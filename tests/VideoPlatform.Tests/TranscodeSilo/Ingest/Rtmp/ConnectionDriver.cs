using System.Buffers;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

/// <summary>Plays a client byte script against a <see cref="RtmpServerConnection"/>, in reads of a given size.</summary>
internal sealed class ConnectionDriver(int step, RtmpProtocolOptions? options = null)
{
    private static readonly byte[] S1Random = new byte[1528];
    private readonly RtmpServerConnection connection = new(options ?? RtmpProtocolOptions.Default, new RtmpHandshake(0, S1Random));
    private byte[] pending = [];

    public ArrayBufferWriter<byte> Output { get; } = new();

    public List<RtmpAction> Actions { get; } = [];

    public RtmpServerConnection Connection => connection;

    public void Feed(byte[] bytes)
    {
        for (var at = 0; at < bytes.Length; at += step)
        {
            pending = [.. pending, .. bytes.AsSpan(at, Math.Min(step, bytes.Length - at))];
            var sequence = new ReadOnlySequence<byte>(pending);
            Actions.AddRange(connection.Receive(ref sequence, Output));
            pending = sequence.ToArray();
        }
    }

    public void Decide(RtmpKeyDecision decision) => Actions.AddRange(connection.Decide(decision, Output));

    /// <summary>The server's messages, read back like a client would (past S0+S1+S2).</summary>
    public List<RtmpMessage> ServerMessages()
    {
        var sequence = new ReadOnlySequence<byte>(Output.WrittenMemory[(1 + (2 * RtmpHandshake.PacketSize))..]);
        var reader = new RtmpChunkReader(RtmpProtocolOptions.Default);
        var messages = new List<RtmpMessage>();
        while (reader.TryReadMessage(ref sequence, out var message))
        {
            messages.Add(message);
        }

        Assert.Equal(0, sequence.Length);
        return messages;
    }

    public List<string> DescribeActions() =>
        [.. Actions.Select(a => a is RtmpDeliverMediaAction media ? $"media {ChunkFeed.Describe(media.Message)}" : a.ToString())];
}
