using VideoPlatform.Tests.TranscodeSilo.Transcoding;
using VideoPlatform.TranscodeSilo.Ingest.Recording;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Recording;

[Collection(MediaCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RecordingPosterInputTests(MediaClips clips) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vp-poster-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Build_SegmentThatIsAPlaylistPointingElsewhere_FailsInsteadOfReadingIt()
    {
        // Someone else's media as a real MPEG-TS file, and a "segment" that is an HLS playlist naming it by URL.
        var elsewhere = Path.Combine(_folder, "elsewhere.ts");
        var copy = await ToolProcess.RunAsync("ffmpeg", ["-v", "error", "-nostdin", "-i", clips.Short, "-c", "copy", "-f", "mpegts", elsewhere], null, null, CancellationToken.None);
        Assert.True(copy.Succeeded, copy.StandardErrorTail);
        var segment = Path.Combine(_folder, "segment.ts");
        await File.WriteAllTextAsync(segment, $"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:{elsewhere}\n#EXTINF:2,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n");

        var run = await ToolProcess.RunAsync("ffmpeg", RecordingPosterArguments.Build(segment), _folder, null, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.False(File.Exists(Path.Combine(_folder, RecordingPosterArguments.PosterFile)));
    }
}
