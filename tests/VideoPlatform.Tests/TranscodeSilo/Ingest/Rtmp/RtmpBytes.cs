using System.Buffers;
using System.Buffers.Binary;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

/// <summary>Hand-builds chunk byte vectors, including the header compressions our writer never produces.</summary>
internal sealed class RtmpBytes
{
    private readonly ArrayBufferWriter<byte> bytes = new();

    public RtmpBytes Basic(int format, int csid)
    {
        var length = RtmpBasicHeader.Write(bytes.GetSpan(3), format, csid);
        bytes.Advance(length);
        return this;
    }

    public RtmpBytes Fmt0(int csid, uint timestampField, int length, RtmpMessageType type, uint streamId)
    {
        Basic(0, csid).U24(timestampField).U24((uint)length).Raw((byte)type);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.GetSpan(4), streamId);
        bytes.Advance(4);
        return this;
    }

    public RtmpBytes Fmt1(int csid, uint deltaField, int length, RtmpMessageType type) =>
        Basic(1, csid).U24(deltaField).U24((uint)length).Raw((byte)type);

    public RtmpBytes Fmt2(int csid, uint deltaField) => Basic(2, csid).U24(deltaField);

    public RtmpBytes Fmt3(int csid) => Basic(3, csid);

    public RtmpBytes U24(uint value) => Raw((byte)(value >> 16), (byte)(value >> 8), (byte)value);

    public RtmpBytes U32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(bytes.GetSpan(4), value);
        bytes.Advance(4);
        return this;
    }

    public RtmpBytes Fill(int count, byte value)
    {
        bytes.GetSpan(count)[..count].Fill(value);
        bytes.Advance(count);
        return this;
    }

    public RtmpBytes Raw(params ReadOnlySpan<byte> raw)
    {
        raw.CopyTo(bytes.GetSpan(raw.Length));
        bytes.Advance(raw.Length);
        return this;
    }

    /// <summary>Appends a whole message through a writer (fmt 0 + fmt 3 chunks at the writer's chunk size).</summary>
    public RtmpBytes Message(RtmpChunkWriter writer, RtmpMessage message)
    {
        writer.Write(message, bytes);
        return this;
    }

    public byte[] ToArray() => bytes.WrittenSpan.ToArray();
}
