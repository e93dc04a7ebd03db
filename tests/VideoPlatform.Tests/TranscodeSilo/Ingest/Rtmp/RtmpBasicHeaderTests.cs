using System.Buffers;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class RtmpBasicHeaderTests
{
    [Theory]
    [InlineData(2, "02")]
    [InlineData(63, "3F")]
    [InlineData(64, "0000")]
    [InlineData(319, "00FF")]
    [InlineData(320, "010001")]
    [InlineData(65599, "01FFFF")]
    public void Write_ChunkStreamId_ShortestEncoding(int csid, string expectedHex)
    {
        var bytes = new byte[3];
        var length = RtmpBasicHeader.Write(bytes, 0, csid);
        Assert.Equal(expectedHex, Convert.ToHexString(bytes, 0, length));
    }

    [Theory]
    [InlineData("C3", 3, 3)]
    [InlineData("4000", 1, 64)]
    [InlineData("80FF", 2, 319)]
    [InlineData("010001", 0, 320)]
    [InlineData("C1FFFF", 3, 65599)]
    [InlineData("010000", 0, 64)]
    public void TryRead_Encodings_FormatAndChunkStreamId(string hex, int format, int csid)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Convert.FromHexString(hex)));
        Assert.True(RtmpBasicHeader.TryRead(ref reader, out var readFormat, out var readCsid));
        Assert.Equal((format, csid), (readFormat, readCsid));
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("01")]
    [InlineData("01FF")]
    public void TryRead_Incomplete_False(string hex)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Convert.FromHexString(hex)));
        Assert.False(RtmpBasicHeader.TryRead(ref reader, out _, out _));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(319)]
    [InlineData(320)]
    [InlineData(65599)]
    public void ChunkStream_WriteThenRead_SameMessage(int csid)
    {
        var message = new RtmpMessage(csid, RtmpMessageType.Audio, 1000, 1, Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());
        var bytes = new RtmpBytes().Message(new RtmpChunkWriter(), message).ToArray();

        var read = Assert.Single(ChunkFeed.ReadAll(bytes));

        Assert.Equal(ChunkFeed.Describe(message), ChunkFeed.Describe(read));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65600)]
    public void Write_OutOfRange_Throws(int csid)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RtmpBasicHeader.Write(new byte[3], 0, csid));
    }
}
