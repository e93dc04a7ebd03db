using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class RtmpChunkReaderTests
{
    private static readonly byte[] Payload300 = [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))];

    [Fact]
    public void Message_SplitAcrossDefaultChunkSize_Reassembled()
    {
        var bytes = new RtmpBytes()
            .Fmt0(6, 40, 300, RtmpMessageType.Video, 1).Raw(Payload300.AsSpan(0, 128))
            .Fmt3(6).Raw(Payload300.AsSpan(128, 128))
            .Fmt3(6).Raw(Payload300.AsSpan(256))
            .ToArray();

        var message = Assert.Single(ChunkFeed.ReadAll(bytes));

        Assert.Equal((6, RtmpMessageType.Video, 40u, 1u), (message.ChunkStreamId, message.Type, message.Timestamp, message.StreamId));
        Assert.Equal(Payload300, message.Payload.ToArray());
    }

    [Fact]
    public void InterleavedChunkStreams_EachReassembledWithItsOwnState()
    {
        var audio = new byte[200];
        audio.AsSpan().Fill(0xA1);
        var bytes = new RtmpBytes()
            .Fmt0(6, 100, 300, RtmpMessageType.Video, 1).Raw(Payload300.AsSpan(0, 128))
            .Fmt0(4, 90, 200, RtmpMessageType.Audio, 1).Raw(audio.AsSpan(0, 128))
            .Fmt3(6).Raw(Payload300.AsSpan(128, 128))
            .Fmt3(4).Raw(audio.AsSpan(128))
            .Fmt3(6).Raw(Payload300.AsSpan(256))
            .ToArray();

        var messages = ChunkFeed.ReadAll(bytes);

        Assert.Equal(2, messages.Count);
        Assert.Equal((4, RtmpMessageType.Audio, 90u), (messages[0].ChunkStreamId, messages[0].Type, messages[0].Timestamp));
        Assert.Equal(audio, messages[0].Payload.ToArray());
        Assert.Equal((6, RtmpMessageType.Video, 100u), (messages[1].ChunkStreamId, messages[1].Type, messages[1].Timestamp));
        Assert.Equal(Payload300, messages[1].Payload.ToArray());
    }

    [Fact]
    public void SetChunkSize_BetweenMessages_AppliesToTheNextChunk()
    {
        var bytes = new RtmpBytes()
            .Fmt0(6, 0, 300, RtmpMessageType.Video, 1).Raw(Payload300.AsSpan(0, 128)).Fmt3(6).Raw(Payload300.AsSpan(128, 128)).Fmt3(6).Raw(Payload300.AsSpan(256))
            .Fmt0(2, 0, 4, RtmpMessageType.SetChunkSize, 0).U32(256)
            .Fmt1(6, 40, 300, RtmpMessageType.Video).Raw(Payload300.AsSpan(0, 256)).Fmt3(6).Raw(Payload300.AsSpan(256))
            .ToArray();

        var messages = ChunkFeed.ReadAll(bytes);

        Assert.Equal([RtmpMessageType.Video, RtmpMessageType.SetChunkSize, RtmpMessageType.Video], messages.Select(m => m.Type));
        Assert.Equal(Payload300, messages[2].Payload.ToArray());
        Assert.Equal(40u, messages[2].Timestamp);
    }

    [Fact]
    public void Abort_DropsThePartialMessageOfThatChunkStream()
    {
        var bytes = new RtmpBytes()
            .Fmt0(6, 0, 300, RtmpMessageType.Video, 1).Raw(Payload300.AsSpan(0, 128))
            .Fmt0(2, 0, 4, RtmpMessageType.Abort, 0).U32(6)
            .Fmt1(6, 40, 3, RtmpMessageType.Video).Raw(0x27, 0x01, 0x02)
            .ToArray();

        var messages = ChunkFeed.ReadAll(bytes);

        Assert.Equal([RtmpMessageType.Abort, RtmpMessageType.Video], messages.Select(m => m.Type));
        Assert.Equal("270102", Convert.ToHexString(messages[1].Payload.Span));
        Assert.Equal(40u, messages[1].Timestamp);
    }

    [Fact]
    public void ZeroLengthMessage_DeliveredEmpty()
    {
        var bytes = new RtmpBytes().Fmt0(3, 0, 0, RtmpMessageType.DataAmf0, 0).ToArray();

        Assert.True(Assert.Single(ChunkFeed.ReadAll(bytes)).Payload.IsEmpty);
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(128)]
    public void SetChunkSize_InRange_Accepted(uint size)
    {
        var reader = new RtmpChunkReader(RtmpProtocolOptions.Default);
        var bytes = new RtmpBytes().Fmt0(2, 0, 4, RtmpMessageType.SetChunkSize, 0).U32(size).ToArray();

        Assert.Single(ChunkFeed.ReadAll(bytes));
        var sequence = new System.Buffers.ReadOnlySequence<byte>(bytes);
        Assert.True(reader.TryReadMessage(ref sequence, out _));
        Assert.Equal((int)size, reader.ChunkSize);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(127u)]
    [InlineData(65537u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    [InlineData(0xFFFFFFFFu)]
    public void SetChunkSize_OutOfRange_Rejected(uint size)
    {
        var bytes = new RtmpBytes().Fmt0(2, 0, 4, RtmpMessageType.SetChunkSize, 0).U32(size).ToArray();

        Assert.Equal(RtmpProtocolError.ChunkSizeOutOfRange, ChunkFeed.Fails(bytes).Error);
    }

    [Fact]
    public void SetChunkSize_ShortPayload_Rejected()
    {
        var bytes = new RtmpBytes().Fmt0(2, 0, 2, RtmpMessageType.SetChunkSize, 0).Raw(0x10, 0x00).ToArray();

        Assert.Equal(RtmpProtocolError.MalformedControlMessage, ChunkFeed.Fails(bytes).Error);
    }

    [Fact]
    public void MediaLength_OverCap_RejectedFromTheHeaderAlone()
    {
        var options = RtmpProtocolOptions.Default with { MaxMediaMessageSize = 1000 };
        var bytes = new RtmpBytes().Fmt0(6, 0, 1001, RtmpMessageType.Video, 1).ToArray();

        Assert.Equal(RtmpProtocolError.MessageTooLarge, ChunkFeed.Fails(bytes, options).Error);
    }

    [Fact]
    public void CommandLength_OverControlCap_Rejected()
    {
        var bytes = new RtmpBytes().Fmt0(3, 0, 0xFFFFFF, RtmpMessageType.CommandAmf0, 0).ToArray();

        Assert.Equal(RtmpProtocolError.MessageTooLarge, ChunkFeed.Fails(bytes).Error);
    }

    [Fact]
    public void VideoLength_MaxU24_RejectedByDefaultCap()
    {
        var bytes = new RtmpBytes().Fmt0(6, 0, 0xFFFFFF, RtmpMessageType.Video, 1).ToArray();

        Assert.Equal(RtmpProtocolError.MessageTooLarge, ChunkFeed.Fails(bytes).Error);
    }

    [Fact]
    public void Fmt1OnUnknownChunkStream_Rejected()
    {
        var bytes = new RtmpBytes().Fmt1(5, 0, 1, RtmpMessageType.Audio).Raw(0).ToArray();

        Assert.Equal(RtmpProtocolError.HeaderWithoutPreviousMessage, ChunkFeed.Fails(bytes).Error);
    }

    [Fact]
    public void NewHeaderInsideMessage_Rejected()
    {
        var bytes = new RtmpBytes()
            .Fmt0(6, 0, 300, RtmpMessageType.Video, 1).Raw(Payload300.AsSpan(0, 128))
            .Fmt1(6, 0, 2, RtmpMessageType.Video).Raw(0, 0)
            .ToArray();

        Assert.Equal(RtmpProtocolError.MessageInterrupted, ChunkFeed.Fails(bytes).Error);
    }

    [Fact]
    public void UnknownMessageType_Rejected()
    {
        var bytes = new RtmpBytes().Fmt0(3, 0, 1, (RtmpMessageType)7, 0).Raw(0).ToArray();

        Assert.Equal(RtmpProtocolError.UnknownMessageType, ChunkFeed.Fails(bytes).Error);
    }

    [Fact]
    public void SeventeenthChunkStream_Rejected()
    {
        var builder = new RtmpBytes();
        for (var csid = 3; csid < 3 + 16; csid++)
        {
            builder.Fmt0(csid, 0, 1, RtmpMessageType.Audio, 1).Raw(0xAF);
        }

        var bytes = builder.Fmt0(40, 0, 1, RtmpMessageType.Audio, 1).Raw(0xAF).ToArray();

        Assert.Equal(RtmpProtocolError.TooManyChunkStreams, ChunkFeed.Fails(bytes).Error);
    }

    [Fact]
    public void IncompleteChunk_NothingConsumed()
    {
        var reader = new RtmpChunkReader(RtmpProtocolOptions.Default);
        var bytes = new RtmpBytes().Fmt0(6, 0, 10, RtmpMessageType.Video, 1).Raw(1, 2, 3).ToArray();
        var sequence = new System.Buffers.ReadOnlySequence<byte>(bytes);

        Assert.False(reader.TryReadMessage(ref sequence, out _));
        Assert.Equal(bytes.Length, sequence.Length);
    }
}
