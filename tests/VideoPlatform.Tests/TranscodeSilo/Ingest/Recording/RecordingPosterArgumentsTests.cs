using VideoPlatform.TranscodeSilo.Ingest.Recording;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Recording;

[Trait("Category", "Unit")]
public sealed class RecordingPosterArgumentsTests
{
    [Fact]
    public void Build_PinsMpegTsAndReadsLocalFilesOnly()
    {
        string[] expected =
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-protocol_whitelist", "file", "-f", "mpegts", "-i", "/work/rec/segment.ts",
            "-map", "0:v:0", "-frames:v", "1", "-vf", "scale='min(1280,iw)':-2,setsar=1", "-q:v", "3", "-update", "1", "poster.jpg",
        ];

        Assert.Equal(expected, RecordingPosterArguments.Build("/work/rec/segment.ts"));
    }
}
