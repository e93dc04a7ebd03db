using VideoPlatform.TranscodeSilo.Ingest.Packaging;
using VideoPlatform.TranscodeSilo.Ingest.Recording;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Recording;

[Trait("Category", "Unit")]
public sealed class RecordingPlaylistsTests
{
    [Fact]
    public void Rungs_FromLiveMaster_ThenVodMasterPointsAtIndexes()
    {
        var live = LivePlaylistWriter.Master([new("source", 1280, 720, true, 2500), new("240p", 426, 240, false, 400)], true, 128, r => $"S1/{r.Name}/live.m3u8");

        var rungs = RecordingPlaylists.Rungs(live);

        Assert.Equal([new RecordedRung("source", 1280, 720, 2890800), new RecordedRung("240p", 426, 240, 580800)], rungs);
        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=2890800,RESOLUTION=1280x720\nsource/index.m3u8\n"
            + "#EXT-X-STREAM-INF:BANDWIDTH=580800,RESOLUTION=426x240\n240p/index.m3u8\n",
            RecordingPlaylists.Master(rungs));
    }

    [Fact]
    public void Rungs_ForeignOrBrokenMaster_Nothing() =>
        Assert.Empty(RecordingPlaylists.Rungs("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhttp://elsewhere/x.m3u8\n"));
}
