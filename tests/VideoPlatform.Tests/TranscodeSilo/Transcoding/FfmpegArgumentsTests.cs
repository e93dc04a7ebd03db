using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class FfmpegArgumentsTests
{
    private static IReadOnlyList<string> Build(SourceInfo source, TranscodeOptions? options = null) =>
        FfmpegArguments.Hls(Sources.Input, source, LadderPlanner.Plan(source), options ?? TranscodeOptions.Default);

    [Fact]
    public void Hls_1080p30WithAudio_ExactArgumentsWithPosterAndStoryboard()
    {
        string[] expected =
        [
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-nostats", "-progress", "pipe:1",
            "-protocol_whitelist", "file", "-f", "mov", "-i", "/media/in/source.mp4",
            "-filter_complex",
            "[0:v:0]fps=30,format=yuv420p,split=7[s0][s1][s2][s3][s4][sp][ss]"
                + ";[s0]scale=1920:1080,setsar=1[v0];[s1]scale=1280:720,setsar=1[v1];[s2]scale=854:480,setsar=1[v2]"
                + ";[s3]scale=640:360,setsar=1[v3];[s4]scale=426:240,setsar=1[v4]"
                + @";[sp]setpts=PTS-STARTPTS,select=eq(n\,0)+gte(t\,1),scale=1280:720,setsar=1[poster]"
                + @";[ss]setpts=PTS-STARTPTS,select=gte(t\,selected_n*5),scale=160:90,setsar=1[storyboard]",
            "-map", "[v0]", "-map", "0:a:0", "-map", "[v1]", "-map", "0:a:0", "-map", "[v2]", "-map", "0:a:0",
            "-map", "[v3]", "-map", "0:a:0", "-map", "[v4]", "-map", "0:a:0",
            "-c:v", "libx264", "-preset", "veryfast",
            "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*4)",
            "-b:v:0", "5000k", "-maxrate:v:0", "5500k", "-bufsize:v:0", "10000k", "-profile:v:0", "high",
            "-b:v:1", "2800k", "-maxrate:v:1", "3080k", "-bufsize:v:1", "5600k", "-profile:v:1", "high",
            "-b:v:2", "1400k", "-maxrate:v:2", "1540k", "-bufsize:v:2", "2800k", "-profile:v:2", "main",
            "-b:v:3", "800k", "-maxrate:v:3", "880k", "-bufsize:v:3", "1600k", "-profile:v:3", "main",
            "-b:v:4", "400k", "-maxrate:v:4", "440k", "-bufsize:v:4", "800k", "-profile:v:4", "main",
            "-c:a", "aac", "-ac", "2", "-ar", "48000",
            "-b:a:0", "128k", "-b:a:1", "128k", "-b:a:2", "128k", "-b:a:3", "96k", "-b:a:4", "96k",
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "event", "-hls_segment_type", "fmp4",
            "-hls_flags", "independent_segments", "-master_pl_name", "master.m3u8",
            "-hls_segment_filename", "%v/seg_%05d.m4s",
            "-var_stream_map", "v:0,a:0,name:1080p v:1,a:1,name:720p v:2,a:2,name:480p v:3,a:3,name:360p v:4,a:4,name:240p",
            "%v/index.m3u8",
            "-map", "[poster]", "-fps_mode", "passthrough", "-frames:v", "2", "-q:v", "3", "-update", "1", "poster.jpg",
            "-map", "[storyboard]", "-fps_mode", "passthrough", "-c:v", "rawvideo", "-f", "nut", "storyboard-tiles.nut",
        ];

        Assert.Equal(expected, Build(Sources.Video(1920, 1080)));
    }

    [Fact]
    public void Hls_720pWithThreadsAndPreset_ExactArguments()
    {
        var actual = Build(Sources.Video(1280, 720), new TranscodeOptions { Preset = "ultrafast", Threads = 2 });

        Assert.Equal(
            Expected.Hls(
                "[0:v:0]fps=30,format=yuv420p,split=6[s0][s1][s2][s3][sp][ss];[s0]scale=1280:720,setsar=1[v0];[s1]scale=854:480,setsar=1[v1]"
                    + ";[s2]scale=640:360,setsar=1[v2];[s3]scale=426:240,setsar=1[v3]",
                audio: true,
                ["-c:v", "libx264", "-preset", "ultrafast", "-threads", "2",
                    "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*4)",
                    "-b:v:0", "2800k", "-maxrate:v:0", "3080k", "-bufsize:v:0", "5600k", "-profile:v:0", "high",
                    "-b:v:1", "1400k", "-maxrate:v:1", "1540k", "-bufsize:v:1", "2800k", "-profile:v:1", "main",
                    "-b:v:2", "800k", "-maxrate:v:2", "880k", "-bufsize:v:2", "1600k", "-profile:v:2", "main",
                    "-b:v:3", "400k", "-maxrate:v:3", "440k", "-bufsize:v:3", "800k", "-profile:v:3", "main",
                    "-c:a", "aac", "-ac", "2", "-ar", "48000", "-b:a:0", "128k", "-b:a:1", "128k", "-b:a:2", "96k", "-b:a:3", "96k"],
                "v:0,a:0,name:720p v:1,a:1,name:480p v:2,a:2,name:360p v:3,a:3,name:240p",
                Expected.Thumbnails(poster: "1280:720", tile: "160:90")),
            actual);
    }

    [Fact]
    public void Hls_NoAudio_MapsVideoOnly()
    {
        var actual = Build(Sources.Video(640, 360, fps: 25, audio: false));

        Assert.Equal(
            Expected.Hls(
                "[0:v:0]fps=25,format=yuv420p,split=4[s0][s1][sp][ss];[s0]scale=640:360,setsar=1[v0];[s1]scale=426:240,setsar=1[v1]",
                audio: false,
                ["-c:v", "libx264", "-preset", "veryfast",
                    "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*4)",
                    "-b:v:0", "800k", "-maxrate:v:0", "880k", "-bufsize:v:0", "1600k", "-profile:v:0", "main",
                    "-b:v:1", "400k", "-maxrate:v:1", "440k", "-bufsize:v:1", "800k", "-profile:v:1", "main"],
                "v:0,name:360p v:1,name:240p",
                Expected.Thumbnails(poster: "640:360", tile: "160:90")),
            actual);
    }

    [Fact]
    public void Hls_UnknownPreset_Throws()
    {
        Assert.Throws<ArgumentException>(() => Build(Sources.Video(640, 360), new TranscodeOptions { Preset = "fast -i /etc/passwd" }));
    }
}
