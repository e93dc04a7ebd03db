using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Builds AMF0 command messages (type 20).</summary>
public static class RtmpCommandWriter
{
    /// <summary>Where connection-level replies travel.</summary>
    public const int CommandChunkStreamId = 3;

    /// <summary>Where replies on a created stream (onStatus) travel.</summary>
    public const int StreamChunkStreamId = 5;

    public static RtmpMessage Build(int chunkStreamId, uint streamId, string name, double transactionId, params IEnumerable<AmfValue> values)
    {
        var output = new ArrayBufferWriter<byte>();
        Amf0Writer.WriteString(output, name);
        Amf0Writer.WriteNumber(output, transactionId);
        foreach (var value in values)
        {
            Amf0Writer.Write(output, value);
        }

        return new RtmpMessage(chunkStreamId, RtmpMessageType.CommandAmf0, 0, streamId, output.WrittenMemory.ToArray());
    }
}
