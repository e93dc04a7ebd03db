using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>
/// What the publisher sends, learned from onMetaData and the first audio/video tags (FLV codec ids:
/// video 7 = AVC, audio 10 = AAC). Pure; fed message by message until the first video tag.
/// </summary>
public sealed class LiveSource
{
    private const int AvcCodecId = 7;
    private const int AacSoundFormat = 10;

    public int Width { get; private set; }
    public int Height { get; private set; }
    public double FrameRate { get; private set; }
    /// <summary>Declared by the encoder, kbit/s; 0 when unknown.</summary>
    public int VideoKbps { get; private set; }
    public int AudioKbps { get; private set; }
    public bool HasVideo { get; private set; }
    public bool HasAudio { get; private set; }
    public bool VideoIsAvc { get; private set; }
    public bool AudioIsAac { get; private set; }

    /// <summary>True once a video tag arrived: enough is known to start packaging.</summary>
    public bool IsReady => HasVideo;

    public void Observe(RtmpMessage message)
    {
        var payload = message.Payload.Span;
        switch (message.Type)
        {
            case RtmpMessageType.Video when payload.Length > 0 && !HasVideo:
                HasVideo = true;
                // Enhanced RTMP sets bit 7 and carries a FourCC instead: never AVC for our purposes, so re-encoded.
                VideoIsAvc = (payload[0] & 0x80) == 0 && (payload[0] & 0x0F) == AvcCodecId;
                break;
            case RtmpMessageType.Audio when payload.Length > 0 && !HasAudio:
                HasAudio = true;
                AudioIsAac = payload[0] >> 4 == AacSoundFormat;
                break;
            case RtmpMessageType.DataAmf0 or RtmpMessageType.DataAmf3:
                ObserveMetadata(message);
                break;
        }
    }

    private void ObserveMetadata(RtmpMessage message)
    {
        IReadOnlyList<AmfValue> values;
        try
        {
            values = Amf0Reader.ReadAll(FlvMuxer.ScriptData(message), maxDepth: 4);
        }
        catch (RtmpProtocolException)
        {
            return; // metadata is advisory; FFmpeg reads the real parameters from the stream
        }

        if (values is not [AmfString { Value: "onMetaData" }, AmfPropertyBag meta, ..])
        {
            return;
        }

        Width = Dimension(meta.FindNumber("width"));
        Height = Dimension(meta.FindNumber("height"));
        FrameRate = meta.FindNumber("framerate") is { } fps and > 0 and < 1000 ? fps : 0;
        VideoKbps = Kbps(meta.FindNumber("videodatarate"));
        AudioKbps = Kbps(meta.FindNumber("audiodatarate"));
        // The metadata announces audio before its first tag; the ladder must map it from the start.
        HasAudio |= meta.Find("audiocodecid") is AmfNumber or AmfString;
        AudioIsAac |= meta.Find("audiocodecid") is AmfNumber { Value: AacSoundFormat } or AmfString { Value: "mp4a" };
    }

    private static int Dimension(double? value) => value is > 0 and <= 8192 ? (int)value : 0;

    private static int Kbps(double? value) => value is > 0 and < 1_000_000 ? (int)value : 0;
}
