using System.Buffers;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class RtmpHandshakeTests
{
    private static readonly byte[] Random = [.. Enumerable.Range(0, 1528).Select(i => (byte)(i % 251))];

    [Fact]
    public void C0C1_ProducesS0S1S2_S2EchoesC1()
    {
        var handshake = new RtmpHandshake(0x01020304, Random);
        var c1 = Packet(seed: 5);
        var input = new ReadOnlySequence<byte>([3, .. c1]);
        var output = new ArrayBufferWriter<byte>();

        Assert.False(handshake.Advance(ref input, output));

        var sent = output.WrittenSpan.ToArray();
        Assert.Equal(1 + 1536 + 1536, sent.Length);
        Assert.Equal(3, sent[0]);
        Assert.Equal("0102030400000000", Convert.ToHexString(sent, 1, 8));
        Assert.Equal(Random, sent[9..1537]);
        Assert.Equal(c1, sent[1537..]);
        Assert.Equal(0, input.Length);
    }

    [Fact]
    public void C2_Completes_BytesBehindItAreLeftForTheChunkReader()
    {
        var handshake = new RtmpHandshake(0, Random);
        var input = new ReadOnlySequence<byte>([3, .. Packet(1), .. Packet(2), 0x02, 0x00]);

        Assert.True(handshake.Advance(ref input, new ArrayBufferWriter<byte>()));
        Assert.True(handshake.IsCompleted);
        Assert.Equal("0200", Convert.ToHexString(input.ToArray()));
    }

    [Fact]
    public void OneByteAtATime_SameServerBytes()
    {
        var handshake = new RtmpHandshake(7, Random);
        byte[] all = [3, .. Packet(1), .. Packet(2)];
        var output = new ArrayBufferWriter<byte>();
        var pending = Array.Empty<byte>();
        var completed = false;
        foreach (var b in all)
        {
            pending = [.. pending, b];
            var sequence = new ReadOnlySequence<byte>(pending);
            completed = handshake.Advance(ref sequence, output);
            pending = sequence.ToArray();
        }

        Assert.True(completed);
        Assert.Empty(pending);
        Assert.Equal(3073, output.WrittenCount);
        Assert.Equal(Packet(1), output.WrittenSpan[1537..].ToArray());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(0)]
    [InlineData(0x47)]
    public void OtherVersion_RejectedOnTheFirstByte(byte version)
    {
        var handshake = new RtmpHandshake(0, Random);
        var input = new ReadOnlySequence<byte>([version]);

        var error = Assert.Throws<RtmpProtocolException>(() => handshake.Advance(ref input, new ArrayBufferWriter<byte>()));

        Assert.Equal(RtmpProtocolError.UnsupportedHandshakeVersion, error.Error);
    }

    [Fact]
    public void Create_RandomS1_DiffersBetweenConnections()
    {
        var first = Server(RtmpHandshake.Create(0));
        var second = Server(RtmpHandshake.Create(0));

        Assert.NotEqual(first[9..1537], second[9..1537]);
    }

    private static byte[] Server(RtmpHandshake handshake)
    {
        var input = new ReadOnlySequence<byte>([3, .. Packet(1)]);
        var output = new ArrayBufferWriter<byte>();
        handshake.Advance(ref input, output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Packet(int seed) => [.. Enumerable.Range(0, 1536).Select(i => (byte)((i * seed) + seed))];
}
