using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Writes AMF0 values. Only our own replies go through here, so no depth guard is needed.</summary>
public static class Amf0Writer
{
    public static void Write(IBufferWriter<byte> output, AmfValue value)
    {
        switch (value)
        {
            case AmfNumber number:
                WriteNumber(output, number.Value);
                break;
            case AmfBoolean boolean:
                Put(output, Amf0Marker.Boolean, boolean.Value ? (byte)1 : (byte)0);
                break;
            case AmfString text:
                WriteString(output, text.Value);
                break;
            case AmfNull:
                Put(output, Amf0Marker.Null);
                break;
            case AmfUndefined:
                Put(output, Amf0Marker.Undefined);
                break;
            case AmfObject obj:
                Put(output, Amf0Marker.Object);
                WriteProperties(output, obj.Properties);
                break;
            case AmfEcmaArray array:
                WriteEcmaArray(output, array);
                break;
            case AmfStrictArray array:
                WriteStrictArray(output, array);
                break;
            case AmfDate date:
                WriteDate(output, date);
                break;
            default:
                throw new ArgumentException($"Unknown AMF value {value.GetType().Name}.", nameof(value));
        }
    }

    public static void WriteNumber(IBufferWriter<byte> output, double value)
    {
        var span = output.GetSpan(9);
        span[0] = Amf0Marker.Number;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        output.Advance(9);
    }

    /// <summary>Writes a string, as a long string (0x0C) when its UTF-8 form does not fit a u16 length.</summary>
    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var isLong = length > ushort.MaxValue;
        Put(output, isLong ? Amf0Marker.LongString : Amf0Marker.String);
        WriteUtf8(output, value, length, isLong);
    }

    private static void WriteProperties(IBufferWriter<byte> output, IReadOnlyList<AmfProperty> properties)
    {
        foreach (var property in properties)
        {
            WriteUtf8(output, property.Name, Encoding.UTF8.GetByteCount(property.Name), isLong: false);
            Write(output, property.Value);
        }

        Put(output, 0, 0, Amf0Marker.ObjectEnd);
    }

    private static void WriteEcmaArray(IBufferWriter<byte> output, AmfEcmaArray array)
    {
        var span = output.GetSpan(5);
        span[0] = Amf0Marker.EcmaArray;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)array.Properties.Count);
        output.Advance(5);
        WriteProperties(output, array.Properties);
    }

    private static void WriteStrictArray(IBufferWriter<byte> output, AmfStrictArray array)
    {
        var span = output.GetSpan(5);
        span[0] = Amf0Marker.StrictArray;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)array.Items.Count);
        output.Advance(5);
        foreach (var item in array.Items)
        {
            Write(output, item);
        }
    }

    private static void WriteDate(IBufferWriter<byte> output, AmfDate date)
    {
        var span = output.GetSpan(11);
        span[0] = Amf0Marker.Date;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], date.Milliseconds);
        BinaryPrimitives.WriteInt16BigEndian(span[9..], date.TimeZone);
        output.Advance(11);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, string value, int length, bool isLong)
    {
        if (!isLong && length > ushort.MaxValue)
        {
            throw new ArgumentException("AMF0 property names are limited to 65535 bytes.", nameof(value));
        }

        var prefix = isLong ? 4 : 2;
        var span = output.GetSpan(prefix + length);
        if (isLong)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)length);
        }

        Encoding.UTF8.GetBytes(value, span[prefix..]);
        output.Advance(prefix + length);
    }

    private static void Put(IBufferWriter<byte> output, params ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
