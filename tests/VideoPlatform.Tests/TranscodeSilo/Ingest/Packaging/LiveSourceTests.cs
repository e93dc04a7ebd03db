using System.Buffers;
using VideoPlatform.TranscodeSilo.Ingest.Packaging;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Packaging;

[Trait("Category", "Unit")]
public sealed class LiveSourceTests
{
    internal static RtmpMessage Metadata(params AmfProperty[] properties)
    {
        var body = new ArrayBufferWriter<byte>();
        Amf0Writer.Write(body, new AmfString("@setDataFrame"));
        Amf0Writer.Write(body, new AmfString("onMetaData"));
        Amf0Writer.Write(body, new AmfEcmaArray(properties));
        return new RtmpMessage(4, RtmpMessageType.DataAmf0, 0, 1, body.WrittenMemory.ToArray());
    }

    [Fact]
    public void Observe_FfmpegLikeStart_LearnsSizeCodecsAndRates()
    {
        var source = new LiveSource();

        source.Observe(Metadata(
            new("width", new AmfNumber(1280)), new("height", new AmfNumber(720)), new("framerate", new AmfNumber(25)),
            new("videocodecid", new AmfNumber(7)), new("videodatarate", new AmfNumber(2500)),
            new("audiocodecid", new AmfNumber(10)), new("audiodatarate", new AmfNumber(128))));
        Assert.False(source.IsReady);
        source.Observe(RtmpTestMessages.Media(RtmpMessageType.Video, 0, 0x17, 0x00));

        Assert.True(source.IsReady);
        Assert.Equal((1280, 720, 25.0, 2500, 128), (source.Width, source.Height, source.FrameRate, source.VideoKbps, source.AudioKbps));
        Assert.True(source.VideoIsAvc);
        Assert.True(source.HasAudio);
        Assert.True(source.AudioIsAac);
    }

    [Fact]
    public void Observe_EnhancedRtmpHevcAndMp3_NotPassthrough()
    {
        var source = new LiveSource();

        source.Observe(RtmpTestMessages.Media(RtmpMessageType.Audio, 0, 0x2F));
        source.Observe(RtmpTestMessages.Media(RtmpMessageType.Video, 0, 0x90, (byte)'h', (byte)'v', (byte)'c', (byte)'1'));

        Assert.True(source.IsReady);
        Assert.False(source.VideoIsAvc);
        Assert.True(source.HasAudio);
        Assert.False(source.AudioIsAac);
    }

    [Fact]
    public void Observe_GarbageMetadata_Ignored()
    {
        var source = new LiveSource();

        source.Observe(new RtmpMessage(4, RtmpMessageType.DataAmf0, 0, 1, new byte[] { 0x02, 0xFF, 0xFF, 0x41 }));

        Assert.Equal(0, source.Width);
        Assert.False(source.IsReady);
    }
}
