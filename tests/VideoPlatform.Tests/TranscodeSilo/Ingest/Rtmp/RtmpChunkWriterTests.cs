using System.Buffers;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class RtmpChunkWriterTests
{
    [Fact]
    public void Write_SmallMessage_ExactFmt0Chunk()
    {
        var output = new ArrayBufferWriter<byte>();
        new RtmpChunkWriter().Write(new RtmpMessage(3, RtmpMessageType.CommandAmf0, 0x010203, 1, new byte[] { 0xAA, 0xBB }), output);

        Assert.Equal("03" + "010203" + "000002" + "14" + "01000000" + "AABB", Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void Write_LongerThanChunkSize_Fmt3Continuations()
    {
        var payload = new byte[300];
        var output = new ArrayBufferWriter<byte>();
        new RtmpChunkWriter().Write(new RtmpMessage(64, RtmpMessageType.Video, 5, 1, payload), output);

        var bytes = output.WrittenSpan.ToArray();
        Assert.Equal(2 + 11 + 128 + 2 + 128 + 2 + 44, bytes.Length);
        Assert.Equal("C000", Convert.ToHexString(bytes, 2 + 11 + 128, 2));
        Assert.Equal("C000", Convert.ToHexString(bytes, 2 + 11 + 128 + 2 + 128, 2));
    }

    [Fact]
    public void Write_ExtendedTimestamp_RepeatedOnContinuations_ReadBack()
    {
        var payload = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var message = new RtmpMessage(6, RtmpMessageType.Video, 0x01020304, 1, payload);
        var bytes = new RtmpBytes().Message(new RtmpChunkWriter(), message).ToArray();

        Assert.Equal("FFFFFF", Convert.ToHexString(bytes, 1, 3));
        Assert.Equal("01020304", Convert.ToHexString(bytes, 12, 4));
        Assert.Equal("C601020304", Convert.ToHexString(bytes, 12 + 4 + 128, 5));
        Assert.Equal(ChunkFeed.Describe(message), ChunkFeed.Describe(Assert.Single(ChunkFeed.ReadAll(bytes))));
    }

    [Fact]
    public void Write_SetChunkSize_LaterMessagesUseTheNewSize()
    {
        var writer = new RtmpChunkWriter();
        var output = new ArrayBufferWriter<byte>();
        writer.Write(RtmpControlMessages.SetChunkSize(4096), output);
        var before = output.WrittenCount;
        writer.Write(new RtmpMessage(6, RtmpMessageType.Video, 0, 1, new byte[4096]), output);

        Assert.Equal(4096, writer.ChunkSize);
        Assert.Equal(1 + 11 + 4096, output.WrittenCount - before);
    }

    [Fact]
    public void Write_EmptyMessage_HeaderOnly()
    {
        var output = new ArrayBufferWriter<byte>();
        new RtmpChunkWriter().Write(new RtmpMessage(3, RtmpMessageType.DataAmf0, 0, 0, ReadOnlyMemory<byte>.Empty), output);

        Assert.Equal(12, output.WrittenCount);
    }
}
