using System.Buffers;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

[Trait("Category", "Unit")]
public sealed class Amf0Tests
{
    [Theory]
    [InlineData("00" + "3FF0000000000000", 1.0)]
    [InlineData("00" + "4010000000000000", 4.0)]
    public void Number_ExactBytes(string hex, double value)
    {
        Assert.Equal(hex, Hex(new AmfNumber(value)));
        Assert.Equal(new AmfNumber(value), Read(hex));
    }

    [Fact]
    public void String_Boolean_Null_Undefined_ExactBytes()
    {
        Assert.Equal("0200046C697665", Hex(new AmfString("live")));
        Assert.Equal("0101", Hex(new AmfBoolean(true)));
        Assert.Equal("05", Hex(AmfNull.Instance));
        Assert.Equal("06", Hex(AmfUndefined.Instance));
        Assert.Equal(new AmfBoolean(false), Read("0100"));
        Assert.Same(AmfUndefined.Instance, Read("06"));
    }

    [Fact]
    public void Object_ExactBytes_AndRoundTrip()
    {
        var value = new AmfObject([new("app", new AmfString("live")), new("n", new AmfNumber(0))]);

        var hex = Hex(value);

        Assert.Equal("03" + "0003617070" + "0200046C697665" + "00016E" + "000000000000000000" + "000009", hex);
        var read = Assert.IsType<AmfObject>(Read(hex));
        Assert.Equal("live", read.FindString("app"));
        Assert.Equal(0, read.FindNumber("n"));
    }

    [Fact]
    public void EcmaArray_StrictArray_Date_LongString_RoundTrip()
    {
        var longText = new string('x', 70_000);
        AmfValue[] values =
        [
            new AmfEcmaArray([new("width", new AmfNumber(1280)), new("height", new AmfNumber(720))]),
            new AmfStrictArray([new AmfNumber(1), new AmfString("two"), AmfNull.Instance]),
            new AmfDate(1_700_000_000_000, 0),
            new AmfString(longText),
        ];
        var output = new ArrayBufferWriter<byte>();
        foreach (var value in values)
        {
            Amf0Writer.Write(output, value);
        }

        var read = Amf0Reader.ReadAll(output.WrittenSpan, 16);

        Assert.Equal(1280, Assert.IsType<AmfEcmaArray>(read[0]).FindNumber("width"));
        Assert.Equal(720, Assert.IsType<AmfEcmaArray>(read[0]).FindNumber("height"));
        var strict = Assert.IsType<AmfStrictArray>(read[1]);
        Assert.Equal([new AmfNumber(1), new AmfString("two"), AmfNull.Instance], strict.Items);
        Assert.Equal(values[2], read[2]);
        Assert.Equal(longText, Assert.IsType<AmfString>(read[3]).Value);
        Assert.Equal(0x0C, output.WrittenSpan[output.WrittenCount - 70_000 - 5]);
    }

    [Fact]
    public void DepthBomb_NestedObjects_TypedErrorNotStackOverflow()
    {
        // 100k levels of {"a": {"a": ... }} in 400 kB; recursion stops at the limit.
        var bytes = Enumerable.Repeat<byte[]>([0x03, 0x00, 0x01, (byte)'a'], 100_000).SelectMany(b => b).ToArray();

        Assert.Equal(RtmpProtocolError.AmfTooDeep, Fails(bytes, 16));
    }

    [Fact]
    public void DepthBomb_NestedStrictArrays_TypedError()
    {
        var bytes = Enumerable.Repeat<byte[]>([0x0A, 0x00, 0x00, 0x00, 0x01], 50_000).SelectMany(b => b).ToArray();

        Assert.Equal(RtmpProtocolError.AmfTooDeep, Fails(bytes, 16));
    }

    [Fact]
    public void NestingAtTheLimit_Accepted()
    {
        AmfValue value = new AmfNumber(1);
        for (var i = 0; i < 16; i++)
        {
            value = new AmfObject([new("a", value)]);
        }

        var output = new ArrayBufferWriter<byte>();
        Amf0Writer.Write(output, value);

        Assert.IsType<AmfObject>(Assert.Single(Amf0Reader.ReadAll(output.WrittenSpan, 16)));
        Assert.Equal(RtmpProtocolError.AmfTooDeep, Fails(output.WrittenSpan.ToArray(), 15));
    }

    [Theory]
    [InlineData("00" + "3FF00000")]
    [InlineData("02" + "0010" + "6162")]
    [InlineData("0C" + "FFFFFFFF" + "61")]
    [InlineData("03" + "0003617070" + "0200046C697665")]
    [InlineData("03" + "0003617070")]
    [InlineData("0A" + "7FFFFFFF" + "05")]
    [InlineData("08" + "0000")]
    [InlineData("0B" + "0000000000000000")]
    [InlineData("01")]
    public void Truncated_TypedError(string hex)
    {
        Assert.Equal(RtmpProtocolError.AmfTruncated, Fails(Convert.FromHexString(hex), 16));
    }

    [Theory]
    [InlineData("07")]
    [InlineData("09")]
    [InlineData("10")]
    [InlineData("11")]
    public void UnsupportedMarker_TypedError(string hex)
    {
        Assert.Equal(RtmpProtocolError.AmfUnsupportedType, Fails(Convert.FromHexString(hex), 16));
    }

    private static string Hex(AmfValue value)
    {
        var output = new ArrayBufferWriter<byte>();
        Amf0Writer.Write(output, value);
        return Convert.ToHexString(output.WrittenSpan);
    }

    private static AmfValue Read(string hex) => Assert.Single(Amf0Reader.ReadAll(Convert.FromHexString(hex), 16));

    private static RtmpProtocolError Fails(byte[] bytes, int maxDepth) =>
        Assert.Throws<RtmpProtocolException>(() => Amf0Reader.ReadAll(bytes, maxDepth)).Error;
}
