using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class AvcCodecStringTests
{
    [Fact]
    public void FromInitSegment_AvcCBox_ProfileConstraintsLevel()
    {
        byte[] init = [0, 0, 0, 0x2f, .. "avcC"u8, 0x01, 0x64, 0x00, 0x1f, 0xff, 0xe1];

        Assert.Equal("avc1.64001f", AvcCodecString.FromInitSegment(init));
    }

    [Fact]
    public void FromInitSegment_NoAvcC_Null()
    {
        Assert.Null(AvcCodecString.FromInitSegment("ftypisom"u8));
    }
}
