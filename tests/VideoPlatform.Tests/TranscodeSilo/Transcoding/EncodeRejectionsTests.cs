using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class EncodeRejectionsTests
{
    private static readonly SourceInfo TenSeconds = Sources.Video(1280, 720, seconds: 10);

    [Fact]
    public void FromFailure_MissingDecoder_UnsupportedCodec()
    {
        var rejection = EncodeRejections.FromFailure("Decoder (codec hevc) not found for input stream #0:0", TenSeconds);

        Assert.Equal("unsupported_codec", rejection?.Code);
    }

    [Theory]
    [InlineData("[mov,mp4] stream 1, offset 0x17a62b: partial file")]
    [InlineData("Error while decoding stream #0:0: Invalid data found when processing input")]
    [InlineData("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found")]
    public void FromFailure_DamagedInput_Corrupt(string stderr)
    {
        var rejection = EncodeRejections.FromFailure(stderr, TenSeconds);

        Assert.Equal("corrupt", rejection?.Code);
        Assert.Contains("does not decode", rejection!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("No space left on device")]
    [InlineData("Killed")]
    [InlineData("")]
    public void FromFailure_NotTheSourcesFault_Null(string stderr)
    {
        Assert.Null(EncodeRejections.FromFailure(stderr, TenSeconds));
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(9.1)]
    [InlineData(10.4)]
    public void FromCoverage_WithinTolerance_Null(double encoded)
    {
        Assert.Null(EncodeRejections.FromCoverage(TenSeconds, encoded));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.6)]
    [InlineData(8.9)]
    public void FromCoverage_CutShort_CorruptWithBothLengths(double encoded)
    {
        var rejection = EncodeRejections.FromCoverage(TenSeconds, encoded);

        Assert.Equal("corrupt", rejection?.Code);
        Assert.Contains("of the 10 s", rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCoverage_LongVideo_FivePercentTolerance()
    {
        var hour = Sources.Video(1280, 720, seconds: 3600);

        Assert.Null(EncodeRejections.FromCoverage(hour, 3600 - 170));
        Assert.NotNull(EncodeRejections.FromCoverage(hour, 3600 - 190));
    }

    [Fact]
    public void FromCoverage_AudioLongerThanPicture_JudgedAgainstTheVideoStream()
    {
        var source = Sources.Video(1280, 720, seconds: 14) with { VideoDuration = TimeSpan.FromSeconds(10) };

        Assert.Null(EncodeRejections.FromCoverage(source, 10));
    }
}
