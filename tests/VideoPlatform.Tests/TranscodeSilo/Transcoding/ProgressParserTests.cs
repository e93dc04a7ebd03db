using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class ProgressParserTests
{
    [Theory]
    [InlineData("out_time_us=2000000", 25.0)]
    [InlineData("out_time_us=9000000", 100.0)]
    [InlineData("progress=end", 100.0)]
    public void Percent_ProgressKeys_PercentOfDuration(string line, double expected)
    {
        Assert.Equal(expected, ProgressParser.Percent(line, TimeSpan.FromSeconds(8)));
    }

    [Theory]
    [InlineData("out_time_us=N/A")]
    [InlineData("frame=120")]
    [InlineData("progress=continue")]
    public void Percent_OtherLines_Null(string line)
    {
        Assert.Null(ProgressParser.Percent(line, TimeSpan.FromSeconds(8)));
    }
}
