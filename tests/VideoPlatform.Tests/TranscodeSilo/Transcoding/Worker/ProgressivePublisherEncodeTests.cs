using System.Globalization;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.TranscodeSilo.Transcoding;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding.Worker;

/// <summary>The progressive publisher against a real encode: what it publishes mid-encode is a playable ladder.</summary>
[Collection(MediaCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ProgressivePublisherEncodeTests(MediaClips clips) : IDisposable
{
    private readonly TempFolder folder = new("vp-progressive-encode");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task TranscodeAsync_30sClip_LadderAnnouncedWhileFfmpegRunsAndItsPublishedSegmentsDecode()
    {
        var storeRoot = Path.Combine(folder.Path, "store");
        var store = new FileSystemObjectStore(storeRoot, TimeProvider.System);
        var snapshot = Path.Combine(folder.Path, "snapshot");
        var ffmpegRunningAtAnnouncement = false;
        var publisher = new ProgressivePublisher(store, "vid", (_, _) =>
        {
            ffmpegRunningAtAnnouncement = FfmpegRunningOn(clips.Long);
            CopyFolder(Path.Combine(storeRoot, "objects", "vod", "vid", "hls"), snapshot);
            return Task.FromResult(true);
        });
        var options = new TranscodeOptions { Preset = "ultrafast", Threads = 2, WorkRoot = folder.Path, WatchInterval = TimeSpan.FromMilliseconds(100) };

        var outcome = await new Transcoder().TranscodeAsync(clips.Long, Path.Combine(folder.Path, "out"), options, null, CancellationToken.None, publisher);

        Assert.IsType<TranscodeOutcome.Transcoded>(outcome);
        Assert.True(ffmpegRunningAtAnnouncement, "the ladder was announced only after the encode ended");
        Assert.Equal("vod/vid/hls/master.m3u8", publisher.MasterKey);
        var master = await File.ReadAllTextAsync(Path.Combine(snapshot, "master.m3u8"));
        foreach (var rung in new[] { "720p", "480p", "360p", "240p" })
        {
            Assert.Contains($"\n{rung}/index.m3u8\n", master, StringComparison.Ordinal);
            var text = await File.ReadAllTextAsync(Path.Combine(snapshot, rung, "index.m3u8"));
            Assert.Contains("#EXT-X-PLAYLIST-TYPE:EVENT\n" + MediaPlaylist.StartAtBeginning + "\n", text, StringComparison.Ordinal);
            var segments = MediaPlaylist.Parse(text).Segments;
            Assert.NotEmpty(segments);
            await AssertDecodesAsync(Path.Combine(snapshot, rung), segments.Select(s => s.Uri), segments.Sum(s => s.Duration));
        }

        // Published then is published for good: the final publish only adds to it.
        Assert.Contains("720p/seg_00000.m4s", publisher.Published);
        var finished = await File.ReadAllTextAsync(Path.Combine(folder.Path, "out", "720p", "index.m3u8"));
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD\n", finished, StringComparison.Ordinal);
        Assert.EndsWith("#EXT-X-ENDLIST\n", finished, StringComparison.Ordinal);
    }

    // The init segment followed by the listed segments is the fMP4 stream a player assembles.
    private static async Task AssertDecodesAsync(string rungFolder, IEnumerable<string> segments, double seconds)
    {
        var joined = Path.Combine(rungFolder, "joined.mp4");
        await using (var output = File.Create(joined))
        {
            foreach (var part in segments.Prepend(RenditionFinisher.InitSegmentName))
            {
                await using var input = File.OpenRead(Path.Combine(rungFolder, part));
                await input.CopyToAsync(output);
            }
        }

        var run = await ToolProcess.RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", joined],
            null, null, CancellationToken.None);
        Assert.True(run.Succeeded && run.StandardErrorTail.Length == 0, run.StandardErrorTail);
        Assert.Equal((int)Math.Round(seconds * 30), int.Parse(run.StandardOutput.Trim(), CultureInfo.InvariantCulture));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static bool FfmpegRunningOn(string file) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(pid => pid!.All(char.IsAsciiDigit)).Any(pid =>
        {
            try
            {
                var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
                return Path.GetFileName(cmdline[0]) == "ffmpeg" && cmdline.Contains(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
}
