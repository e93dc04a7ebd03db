using System.Buffers.Binary;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>
/// Reads AMF0 values from a whole message payload. Nesting is capped and every length is checked against the
/// bytes left before anything is allocated, so a depth bomb or a bogus length is a typed error, not a crash.
/// </summary>
public ref struct Amf0Reader(ReadOnlySpan<byte> data, int maxDepth)
{
    private ReadOnlySpan<byte> rest = data;

    public readonly bool IsAtEnd => rest.IsEmpty;

    public readonly int Remaining => rest.Length;

    public static IReadOnlyList<AmfValue> ReadAll(ReadOnlySpan<byte> data, int maxDepth)
    {
        var reader = new Amf0Reader(data, maxDepth);
        var values = new List<AmfValue>();
        while (!reader.IsAtEnd)
        {
            values.Add(reader.ReadValue());
        }

        return values;
    }

    public AmfValue ReadValue() => ReadValue(0);

    private AmfValue ReadValue(int depth)
    {
        var marker = Take(1)[0];
        return marker switch
        {
            Amf0Marker.Number => new AmfNumber(BinaryPrimitives.ReadDoubleBigEndian(Take(8))),
            Amf0Marker.Boolean => new AmfBoolean(Take(1)[0] != 0),
            Amf0Marker.String => new AmfString(ReadUtf8(BinaryPrimitives.ReadUInt16BigEndian(Take(2)))),
            Amf0Marker.LongString => new AmfString(ReadUtf8(BinaryPrimitives.ReadUInt32BigEndian(Take(4)))),
            Amf0Marker.Null => AmfNull.Instance,
            Amf0Marker.Undefined => AmfUndefined.Instance,
            Amf0Marker.Object => new AmfObject(ReadProperties(Enter(depth))),
            Amf0Marker.EcmaArray => ReadEcmaArray(Enter(depth)),
            Amf0Marker.StrictArray => ReadStrictArray(Enter(depth)),
            Amf0Marker.Date => ReadDate(),
            _ => throw new RtmpProtocolException(RtmpProtocolError.AmfUnsupportedType, $"AMF0 marker 0x{marker:X2}"),
        };
    }

    private readonly int Enter(int depth) => depth < maxDepth
        ? depth + 1
        : throw new RtmpProtocolException(RtmpProtocolError.AmfTooDeep, $"AMF nesting deeper than {maxDepth}");

    private List<AmfProperty> ReadProperties(int depth)
    {
        var properties = new List<AmfProperty>();
        while (true)
        {
            var name = ReadUtf8(BinaryPrimitives.ReadUInt16BigEndian(Take(2)));
            if (name.Length == 0 && !rest.IsEmpty && rest[0] == Amf0Marker.ObjectEnd)
            {
                rest = rest[1..];
                return properties;
            }

            properties.Add(new AmfProperty(name, ReadValue(depth)));
        }
    }

    private AmfEcmaArray ReadEcmaArray(int depth)
    {
        Take(4);
        return new AmfEcmaArray(ReadProperties(depth));
    }

    private AmfStrictArray ReadStrictArray(int depth)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        if (count > (uint)rest.Length)
        {
            throw Truncated($"strict array of {count} values in {rest.Length} bytes");
        }

        var items = new List<AmfValue>();
        for (var i = 0u; i < count; i++)
        {
            items.Add(ReadValue(depth));
        }

        return new AmfStrictArray(items);
    }

    private AmfDate ReadDate()
    {
        var milliseconds = BinaryPrimitives.ReadDoubleBigEndian(Take(8));
        return new AmfDate(milliseconds, BinaryPrimitives.ReadInt16BigEndian(Take(2)));
    }

    private string ReadUtf8(uint length) => Encoding.UTF8.GetString(Take(length));

    private ReadOnlySpan<byte> Take(uint count)
    {
        if (count > (uint)rest.Length)
        {
            throw Truncated($"needs {count} bytes, {rest.Length} left");
        }

        var taken = rest[..(int)count];
        rest = rest[(int)count..];
        return taken;
    }

    private static RtmpProtocolException Truncated(string detail) => new(RtmpProtocolError.AmfTruncated, detail);
}
