using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class PacketScanTests
{
    [Fact]
    public void Build_CountsPacketsAndSpansFirstToLastEnd()
    {
        var builder = new PacketScan.Builder();
        foreach (var line in new[] { "1.000000,0.033000", "1.067000,0.033000", "1.033000,0.033000", "N/A,N/A", "" })
        {
            builder.Add(line);
        }

        var scan = builder.Build();

        Assert.Equal(4, scan.Packets);
        Assert.Equal(0.1, scan.Span!.Value.TotalSeconds, 3);
    }

    [Fact]
    public void Build_NoTimestampsOrDurations_SpanUnknown()
    {
        var builder = new PacketScan.Builder();
        builder.Add("N/A,N/A");

        Assert.Equal(new PacketScan(1, null), builder.Build());
    }

    [Fact]
    public void Build_RawStreamWithoutTimestamps_SpanIsTheSumOfDurations()
    {
        var builder = new PacketScan.Builder();
        for (var i = 0; i < 60; i++)
        {
            builder.Add("N/A,0.033333");
        }

        Assert.Equal(2.0, builder.Build().Span!.Value.TotalSeconds, 2);
    }
}
