using VideoPlatform.TranscodeSilo.Ingest.Packaging;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Packaging;

[Trait("Category", "Unit")]
public sealed class LiveHlsArgumentsTests
{
    private static readonly LiveLadder Ladder720 = new(
        [new("source", 1280, 720, true, 2500), new("480p", 854, 480, false, 1200)], HasAudio: true, CopyAudio: true, 128, 2);

    [Fact]
    public void Build_PassthroughPlusEncodedRung_ExactArguments()
    {
        var args = LiveHlsArguments.Build(Ladder720, "veryfast", 0);

        Assert.Equal(
        [
            "-hide_banner", "-nostdin", "-v", "error", "-nostats", "-protocol_whitelist", "pipe", "-f", "flv", "-i", "pipe:0",
            "-filter_complex", "[0:v:0]split=1[s1];[s1]scale=854:480,setsar=1[v1]",
            "-map", "0:v:0", "-map", "0:a:0", "-map", "[v1]", "-map", "0:a:0",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-force_key_frames", "source",
            "-c:v:0", "copy",
            "-b:v:1", "1200k", "-maxrate:v:1", "1320k", "-bufsize:v:1", "2400k",
            "-c:a", "copy",
            "-f", "hls", "-hls_time", "2", "-hls_list_size", "0", "-hls_segment_type", "mpegts",
            "-hls_flags", "independent_segments+temp_file", "-start_number", "0", "-hls_segment_filename", "%v/seg_%05d.ts",
            "-var_stream_map", "v:0,a:0,name:source v:1,a:1,name:480p", "%v/index.m3u8",
        ], args);
    }

    [Fact]
    public void Build_SilentPassthroughResumed_NoFilterNoAudioStartNumber()
    {
        var args = LiveHlsArguments.Build(new LiveLadder([new("source", 640, 360, true, 800)], false, false, 128, 1), "ultrafast", 17);

        Assert.DoesNotContain("-filter_complex", args);
        Assert.DoesNotContain("libx264", args);
        Assert.DoesNotContain("0:a:0", args);
        Assert.Equal("17", args[args.ToList().IndexOf("-start_number") + 1]);
        Assert.Equal("1", args[args.ToList().IndexOf("-hls_time") + 1]);
        Assert.Equal("v:0,name:source", args[^2]);
    }

    [Fact]
    public void Build_NonAacAudio_Reencoded()
    {
        var args = LiveHlsArguments.Build(Ladder720 with { CopyAudio = false }, "veryfast", 0);

        var at = args.ToList().IndexOf("-c:a");
        Assert.Equal(["-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000"], args.Skip(at).Take(8));
    }

    [Fact]
    public void Build_UnknownPreset_Refused() =>
        Assert.Throws<ArgumentException>(() => LiveHlsArguments.Build(Ladder720, "placebo;rm", 0));
}
