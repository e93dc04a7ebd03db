using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class RtmpChunkReaderTimestampTests
{
    [Fact]
    public void Fmt3NewMessage_AfterFmt0_AddsTheFmt0FieldAsDelta()
    {
        var bytes = new RtmpBytes()
            .Fmt0(4, 26, 2, RtmpMessageType.Audio, 1).Raw(0xAF, 0x01)
            .Fmt3(4).Raw(0xAF, 0x02)
            .Fmt3(4).Raw(0xAF, 0x03)
            .ToArray();

        var messages = ChunkFeed.ReadAll(bytes);

        Assert.Equal([26u, 52u, 78u], messages.Select(m => m.Timestamp));
        Assert.All(messages, m => Assert.Equal((RtmpMessageType.Audio, 1u), (m.Type, m.StreamId)));
        Assert.Equal("AF03", Convert.ToHexString(messages[2].Payload.Span));
    }

    [Fact]
    public void Fmt1AndFmt2_DeltasAccumulate_Fmt3ReusesLastDelta()
    {
        var bytes = new RtmpBytes()
            .Fmt0(6, 1000, 1, RtmpMessageType.Video, 1).Raw(0x17)
            .Fmt1(6, 40, 2, RtmpMessageType.Video).Raw(0x27, 0x01)
            .Fmt2(6, 33).Raw(0x27, 0x02)
            .Fmt3(6).Raw(0x27, 0x03)
            .ToArray();

        var messages = ChunkFeed.ReadAll(bytes);

        Assert.Equal([1000u, 1040u, 1073u, 1106u], messages.Select(m => m.Timestamp));
        Assert.Equal([1, 2, 2, 2], messages.Select(m => m.Payload.Length));
    }

    [Fact]
    public void Fmt0ExtendedTimestamp_ReadsTheFourBytes()
    {
        var bytes = new RtmpBytes()
            .Fmt0(4, 0xFFFFFF, 1, RtmpMessageType.Audio, 1).U32(0x01000000).Raw(0xAF)
            .ToArray();

        Assert.Equal(0x01000000u, Assert.Single(ChunkFeed.ReadAll(bytes)).Timestamp);
    }

    [Fact]
    public void Fmt1ExtendedDelta_AddsToPreviousTimestamp()
    {
        var bytes = new RtmpBytes()
            .Fmt0(4, 100, 1, RtmpMessageType.Audio, 1).Raw(0xAF)
            .Fmt1(4, 0xFFFFFF, 1, RtmpMessageType.Audio).U32(0x01000000).Raw(0xAF)
            .ToArray();

        Assert.Equal([100u, 0x01000064u], ChunkFeed.ReadAll(bytes).Select(m => m.Timestamp));
    }

    [Fact]
    public void ContinuationChunks_WithRepeatedExtendedTimestamp_FfmpegStyle()
    {
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var bytes = new RtmpBytes()
            .Fmt0(6, 0xFFFFFF, 300, RtmpMessageType.Video, 1).U32(0x12345678).Raw(payload.AsSpan(0, 128))
            .Fmt3(6).U32(0x12345678).Raw(payload.AsSpan(128, 128))
            .Fmt3(6).U32(0x12345678).Raw(payload.AsSpan(256))
            .ToArray();

        var message = Assert.Single(ChunkFeed.ReadAll(bytes));

        Assert.Equal(0x12345678u, message.Timestamp);
        Assert.Equal(payload, message.Payload.ToArray());
    }

    [Fact]
    public void ContinuationChunks_WithoutRepeatedExtendedTimestamp_ObsStyle()
    {
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var bytes = new RtmpBytes()
            .Fmt0(6, 0xFFFFFF, 300, RtmpMessageType.Video, 1).U32(0x12345678).Raw(payload.AsSpan(0, 128))
            .Fmt3(6).Raw(payload.AsSpan(128, 128))
            .Fmt3(6).Raw(payload.AsSpan(256))
            .ToArray();

        var message = Assert.Single(ChunkFeed.ReadAll(bytes));

        Assert.Equal(0x12345678u, message.Timestamp);
        Assert.Equal(payload, message.Payload.ToArray());
    }

    [Fact]
    public void Fmt3NewMessage_WithExtendedDelta_ReadsTheDelta()
    {
        var bytes = new RtmpBytes()
            .Fmt0(4, 10, 1, RtmpMessageType.Audio, 1).Raw(0xAF)
            .Fmt2(4, 0xFFFFFF).U32(0x01000000).Raw(0xAF)
            .Fmt3(4).U32(0x01000000).Raw(0xAF)
            .ToArray();

        Assert.Equal([10u, 0x0100000Au, 0x0200000Au], ChunkFeed.ReadAll(bytes).Select(m => m.Timestamp));
    }

    [Fact]
    public void Deltas_WrapModulo32Bits()
    {
        var bytes = new RtmpBytes()
            .Fmt0(4, 0xFFFFFF, 1, RtmpMessageType.Audio, 1).U32(0xFFFFFFF0).Raw(0xAF)
            .Fmt2(4, 0x20).Raw(0xAF)
            .ToArray();

        Assert.Equal([0xFFFFFFF0u, 0x10u], ChunkFeed.ReadAll(bytes).Select(m => m.Timestamp));
    }

    [Fact]
    public void ContinuationChunk_ObsStyleShortTail_NotStalledAtEndOfInput()
    {
        var payload = Enumerable.Range(0, 130).Select(i => (byte)i).ToArray();
        var bytes = new RtmpBytes()
            .Fmt0(6, 0xFFFFFF, 130, RtmpMessageType.Video, 1).U32(0x00FFFFFF).Raw(payload.AsSpan(0, 128))
            .Fmt3(6).Raw(payload.AsSpan(128))
            .ToArray();

        Assert.Equal(payload, Assert.Single(ChunkFeed.ReadAll(bytes)).Payload.ToArray());
    }
}
