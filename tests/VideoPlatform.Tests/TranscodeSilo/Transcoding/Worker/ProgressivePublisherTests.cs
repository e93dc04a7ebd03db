using System.Text;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.TranscodeSilo.Transcoding;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding.Worker;

[Trait("Category", "Unit")]
public sealed class ProgressivePublisherTests : IDisposable
{
    private const string VideoId = "vid1";
    private const string Master = "vod/vid1/hls/master.m3u8";
    private static readonly Rung R720 = new("720p", 1280, 720, 2800, 3080, 5600, "high", 128);
    private static readonly Rung R360 = new("360p", 640, 360, 800, 880, 1600, "main", 96);
    private static readonly LadderPlan Plan = new([R720, R360], new FrameRate(30, 1), 120, HasAudio: true);

    private readonly TempFolder folder = new("vp-progressive");
    private readonly List<string> announced = [];
    private readonly FileSystemObjectStore store;

    public ProgressivePublisherTests()
    {
        store = new FileSystemObjectStore(Path.Combine(folder.Path, "store"), TimeProvider.System);
        Directory.CreateDirectory(Work);
    }

    private string Work => Path.Combine(folder.Path, "work");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task OnEncodingAsync_NoSegmentYet_PublishesNothing()
    {
        var publisher = Publisher();
        Directory.CreateDirectory(Path.Combine(Work, "720p")); // ffmpeg made the folder; no playlist yet

        await publisher.OnEncodingAsync(Work, Plan, CancellationToken.None);

        Assert.Empty(await Keys());
        Assert.Empty(announced);
        Assert.Null(publisher.MasterKey);
    }

    [Fact]
    public async Task OnEncodingAsync_OneRungHasASegment_PublishesItsListedFilesButNoMaster()
    {
        WriteRung(R720, 0, listed: 1, written: 2); // the second segment is still being written: not listed yet

        await Publisher().OnEncodingAsync(Work, Plan, CancellationToken.None);

        Assert.Equal(["vod/vid1/hls/720p/index.m3u8", "vod/vid1/hls/720p/init.mp4", "vod/vid1/hls/720p/seg_00000.m4s"], await Keys());
        Assert.Equal(Init(0), await Bytes("vod/vid1/hls/720p/init.mp4"));
        Assert.Equal(Segment(R720, 0), await Bytes("vod/vid1/hls/720p/seg_00000.m4s"));
        var playlist = await store.GetTextAsync("vod/vid1/hls/720p/index.m3u8");
        Assert.Equal(MediaPlaylist.Growing(PlaylistText(0, 1), "init.mp4"), playlist);
        Assert.Empty(announced);
    }

    [Fact]
    public async Task OnEncodingAsync_EveryRungHasASegment_MasterWithPlannedFiguresAnnouncedOnce()
    {
        var publisher = Publisher();
        WriteRung(R720, 0, listed: 1, written: 1);
        WriteRung(R360, 1, listed: 1, written: 1);

        await publisher.OnEncodingAsync(Work, Plan, CancellationToken.None);
        WriteRung(R720, 0, listed: 2, written: 2);
        await publisher.OnEncodingAsync(Work, Plan, CancellationToken.None);

        Assert.Equal([Master], announced);
        Assert.Equal(Master, publisher.MasterKey);
        Assert.Equal(
            MasterPlaylistWriter.Write(
                [RenditionStats.Planned(R720, "avc1.64001f", hasAudio: true), RenditionStats.Planned(R360, "avc1.4d001e", hasAudio: true)],
                Plan.FrameRate,
                hasAudio: true),
            await store.GetTextAsync(Master));
        Assert.Equal(Segment(R720, 1), await Bytes("vod/vid1/hls/720p/seg_00001.m4s"));
        Assert.Equal(2, MediaPlaylist.Parse((await store.GetTextAsync("vod/vid1/hls/720p/index.m3u8"))!).Segments.Count);
        Assert.Equal(
            ["360p/init.mp4", "360p/seg_00000.m4s", "720p/init.mp4", "720p/seg_00000.m4s", "720p/seg_00001.m4s"],
            publisher.Published.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OnEncodingAsync_AnnouncementRefused_AsksAgainNextLook()
    {
        var publisher = Publisher(accept: false);
        WriteRung(R720, 0, listed: 1, written: 1);
        WriteRung(R360, 1, listed: 1, written: 1);

        await publisher.OnEncodingAsync(Work, Plan, CancellationToken.None);
        await publisher.OnEncodingAsync(Work, Plan, CancellationToken.None);

        Assert.Equal([Master, Master], announced);
        Assert.Null(publisher.MasterKey);
    }

    [Fact]
    public async Task FinalPublish_SkipsWhatWasPublishedWhileEncoding_AndReplacesThePlaylists()
    {
        var publisher = Publisher();
        WriteRung(R720, 0, listed: 1, written: 1);
        WriteRung(R360, 1, listed: 1, written: 1);
        await publisher.OnEncodingAsync(Work, Plan, CancellationToken.None);
        var final = Path.Combine(folder.Path, "final");
        foreach (var rung in Plan.Rungs)
        {
            Directory.CreateDirectory(Path.Combine(final, rung.Name));
            await File.WriteAllTextAsync(Path.Combine(final, rung.Name, "seg_00000.m4s"), "other bytes: must not be put again");
            await File.WriteAllTextAsync(Path.Combine(final, rung.Name, "index.m3u8"), "#EXTM3U\nfinished\n");
        }

        await File.WriteAllTextAsync(Path.Combine(final, "master.m3u8"), "#EXTM3U\nmeasured\n");

        await OutputPublisher.PublishAsync(store, VideoId, final, CancellationToken.None, publisher.Published);

        Assert.Equal(Segment(R720, 0), await Bytes("vod/vid1/hls/720p/seg_00000.m4s"));
        Assert.Equal("#EXTM3U\nfinished\n", await store.GetTextAsync("vod/vid1/hls/360p/index.m3u8"));
        Assert.Equal("#EXTM3U\nmeasured\n", await store.GetTextAsync(Master));
    }

    private ProgressivePublisher Publisher(bool accept = true) => new(store, VideoId, (key, _) =>
    {
        announced.Add(key);
        return Task.FromResult(accept);
    });

    private async Task<List<string>> Keys() =>
        (await store.ListAsync($"vod/{VideoId}/").Select(o => o.Key).ToListAsync()).Order(StringComparer.Ordinal).ToList();

    private async Task<byte[]> Bytes(string key)
    {
        await using var content = await store.GetAsync(key) ?? throw new InvalidOperationException($"{key} is missing");
        using var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    // An fMP4 init segment as far as the codec string goes: an avcC box with version 1, profile, compatibility, level.
    private static byte[] Init(int index) =>
        [.. Encoding.ASCII.GetBytes("ftypiso6....moov....avcC"), 1, (byte)(index == 0 ? 0x64 : 0x4d), 0x00, (byte)(index == 0 ? 0x1f : 0x1e)];

    private static byte[] Segment(Rung rung, int n) => Encoding.ASCII.GetBytes($"moof mdat {rung.Name} #{n}");

    private static string PlaylistText(int index, int segments) =>
        "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-INDEPENDENT-SEGMENTS\n"
        + $"#EXT-X-MAP:URI=\"init_{index}.mp4\"\n"
        + string.Concat(Enumerable.Range(0, segments).Select(n => $"#EXTINF:4.000000,\nseg_{n:00000}.m4s\n"));

    // What ffmpeg leaves in a rung's folder: its init segment, the segments written so far, and a playlist listing the
    // finished ones.
    private void WriteRung(Rung rung, int index, int listed, int written)
    {
        var rungFolder = Directory.CreateDirectory(Path.Combine(Work, rung.Name)).FullName;
        File.WriteAllBytes(Path.Combine(rungFolder, $"init_{index}.mp4"), Init(index));
        for (var n = 0; n < written; n++)
        {
            File.WriteAllBytes(Path.Combine(rungFolder, $"seg_{n:00000}.m4s"), Segment(rung, n));
        }

        File.WriteAllText(Path.Combine(rungFolder, "index.m3u8"), PlaylistText(index, listed));
    }
}
