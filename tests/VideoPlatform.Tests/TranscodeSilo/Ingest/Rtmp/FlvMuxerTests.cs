using System.Buffers;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class FlvMuxerTests
{
    [Theory]
    [InlineData(true, true, "464C5601050000000900000000")]
    [InlineData(false, true, "464C5601010000000900000000")]
    [InlineData(true, false, "464C5601040000000900000000")]
    public void Header_ExactBytes(bool audio, bool video, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        FlvWriter.WriteHeader(output, audio, video);
        Assert.Equal(expected, Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void AudioTag_ExactBytes_WithPreviousTagSize()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.True(FlvMuxer.TryWriteTag(RtmpTestMessages.Media(RtmpMessageType.Audio, 0x000102, 0xAF, 0x00, 0x12, 0x10), output));

        Assert.Equal("08" + "000004" + "000102" + "00" + "000000" + "AF001210" + "0000000F", Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void VideoTag_TimestampAbove24Bits_HighByteInExtension()
    {
        var output = new ArrayBufferWriter<byte>();

        FlvMuxer.TryWriteTag(RtmpTestMessages.Media(RtmpMessageType.Video, 0x12345678, 0x17, 0x01), output);

        Assert.Equal("09" + "000002" + "345678" + "12" + "000000" + "1701" + "0000000D", Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void SetDataFrame_Stripped_OnMetaDataWrittenAsScriptTag()
    {
        var body = new ArrayBufferWriter<byte>();
        Amf0Writer.WriteString(body, "onMetaData");
        Amf0Writer.Write(body, new AmfEcmaArray([new("width", new AmfNumber(1280))]));
        var wrapped = new ArrayBufferWriter<byte>();
        Amf0Writer.WriteString(wrapped, "@setDataFrame");
        wrapped.Write(body.WrittenSpan);
        var output = new ArrayBufferWriter<byte>();

        FlvMuxer.TryWriteTag(new RtmpMessage(4, RtmpMessageType.DataAmf0, 0, 1, wrapped.WrittenMemory), output);

        var tag = output.WrittenSpan.ToArray();
        Assert.Equal(18, tag[0]);
        Assert.Equal(body.WrittenCount, (tag[1] << 16) | (tag[2] << 8) | tag[3]);
        Assert.Equal(body.WrittenSpan.ToArray(), tag[11..^4]);
        var values = Amf0Reader.ReadAll(tag.AsSpan(11, body.WrittenCount), 16);
        Assert.Equal(new AmfString("onMetaData"), values[0]);
    }

    [Fact]
    public void Amf3DataMessage_SwitchByteAndWrapperStripped()
    {
        var payload = new ArrayBufferWriter<byte>();
        payload.Write<byte>([0x00]);
        Amf0Writer.WriteString(payload, "@setDataFrame");
        Amf0Writer.WriteString(payload, "onMetaData");

        var data = FlvMuxer.ScriptData(new RtmpMessage(4, RtmpMessageType.DataAmf3, 0, 1, payload.WrittenMemory)).ToArray();

        Assert.Equal("02000A6F6E4D65746144617461", Convert.ToHexString(data));
    }

    [Fact]
    public void NonMedia_NothingWritten()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.False(FlvMuxer.TryWriteTag(RtmpTestMessages.Command(RtmpCommandNames.CreateStream, 2), output));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public async Task StreamWriter_SmallSequence_HeaderThenTagsExactBytes()
    {
        using var stream = new MemoryStream();
        var writer = new FlvStreamWriter(stream);

        await writer.WriteHeaderAsync(hasAudio: true, hasVideo: true, CancellationToken.None);
        await writer.WriteAsync(RtmpTestMessages.Media(RtmpMessageType.Video, 0, 0x17, 0x00, 0, 0, 0), CancellationToken.None);
        await writer.WriteAsync(RtmpTestMessages.Media(RtmpMessageType.Audio, 0, 0xAF, 0x00, 0x12, 0x10), CancellationToken.None);

        Assert.Equal(
            "464C5601050000000900000000"
            + "09" + "000005" + "000000" + "00" + "000000" + "1700000000" + "00000010"
            + "08" + "000004" + "000000" + "00" + "000000" + "AF001210" + "0000000F",
            Convert.ToHexString(stream.ToArray()));
    }
}
