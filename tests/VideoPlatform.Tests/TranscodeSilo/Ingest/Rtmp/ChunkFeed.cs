using System.Buffers;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

/// <summary>
/// Runs a byte vector through a chunk reader three ways (whole, one byte per read, one byte per segment) and
/// demands the same outcome, so every vector also proves the reader is incremental.
/// </summary>
internal static class ChunkFeed
{
    public static List<RtmpMessage> ReadAll(byte[] bytes, RtmpProtocolOptions? options = null)
    {
        var whole = ReadInSteps(bytes, bytes.Length, options);
        var byteByByte = ReadInSteps(bytes, 1, options);
        var segmented = ReadSegmented(bytes, options);
        Assert.Equal(Describe(whole), Describe(byteByByte));
        Assert.Equal(Describe(whole), Describe(segmented));
        return whole;
    }

    public static RtmpProtocolException Fails(byte[] bytes, RtmpProtocolOptions? options = null)
    {
        var whole = Assert.Throws<RtmpProtocolException>(() => ReadInSteps(bytes, bytes.Length, options));
        var byteByByte = Assert.Throws<RtmpProtocolException>(() => ReadInSteps(bytes, 1, options));
        var segmented = Assert.Throws<RtmpProtocolException>(() => ReadSegmented(bytes, options));
        Assert.Equal(whole.Error, byteByByte.Error);
        Assert.Equal(whole.Error, segmented.Error);
        return whole;
    }

    public static string Describe(RtmpMessage message) =>
        $"csid={message.ChunkStreamId} {message.Type} ts={message.Timestamp} msid={message.StreamId} {Convert.ToHexString(message.Payload.Span)}";

    private static List<string> Describe(List<RtmpMessage> messages) => [.. messages.Select(Describe)];

    private static List<RtmpMessage> ReadInSteps(byte[] bytes, int step, RtmpProtocolOptions? options)
    {
        var reader = new RtmpChunkReader(options ?? RtmpProtocolOptions.Default);
        var messages = new List<RtmpMessage>();
        var pending = Array.Empty<byte>();
        for (var at = 0; at < bytes.Length; at += step)
        {
            pending = [.. pending, .. bytes.AsSpan(at, Math.Min(step, bytes.Length - at))];
            var sequence = new ReadOnlySequence<byte>(pending);
            while (reader.TryReadMessage(ref sequence, out var message))
            {
                messages.Add(message);
            }

            pending = sequence.ToArray();
        }

        Assert.Empty(pending);
        return messages;
    }

    private static List<RtmpMessage> ReadSegmented(byte[] bytes, RtmpProtocolOptions? options)
    {
        var reader = new RtmpChunkReader(options ?? RtmpProtocolOptions.Default);
        var sequence = ByteSegments.OneBytePerSegment(bytes);
        var messages = new List<RtmpMessage>();
        while (reader.TryReadMessage(ref sequence, out var message))
        {
            messages.Add(message);
        }

        Assert.Equal(0, sequence.Length);
        return messages;
    }
}
