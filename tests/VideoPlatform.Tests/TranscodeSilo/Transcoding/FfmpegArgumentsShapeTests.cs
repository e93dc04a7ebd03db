using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

/// <summary>Exact argument lists for sources whose shape or rate changes the ladder.</summary>
[Trait("Category", "Unit")]
public sealed class FfmpegArgumentsShapeTests
{
    private static readonly string[] Keyframes30 =
        ["-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*4)"];

    private static IReadOnlyList<string> Build(SourceInfo source) =>
        FfmpegArguments.Hls(Sources.Input, source, LadderPlanner.Plan(source), TranscodeOptions.Default);

    [Fact]
    public void Hls_Portrait1080x1920_ScalesByShortSide()
    {
        Assert.Equal(
            Expected.Hls(
                "[0:v:0]fps=30,format=yuv420p,split=7[s0][s1][s2][s3][s4][sp][ss]"
                    + ";[s0]scale=1080:1920,setsar=1[v0];[s1]scale=720:1280,setsar=1[v1];[s2]scale=480:854,setsar=1[v2]"
                    + ";[s3]scale=360:640,setsar=1[v3];[s4]scale=240:426,setsar=1[v4]",
                audio: true,
                ["-c:v", "libx264", "-preset", "veryfast", .. Keyframes30,
                    "-b:v:0", "5000k", "-maxrate:v:0", "5500k", "-bufsize:v:0", "10000k", "-profile:v:0", "high",
                    "-b:v:1", "2800k", "-maxrate:v:1", "3080k", "-bufsize:v:1", "5600k", "-profile:v:1", "high",
                    "-b:v:2", "1400k", "-maxrate:v:2", "1540k", "-bufsize:v:2", "2800k", "-profile:v:2", "main",
                    "-b:v:3", "800k", "-maxrate:v:3", "880k", "-bufsize:v:3", "1600k", "-profile:v:3", "main",
                    "-b:v:4", "400k", "-maxrate:v:4", "440k", "-bufsize:v:4", "800k", "-profile:v:4", "main",
                    "-c:a", "aac", "-ac", "2", "-ar", "48000",
                    "-b:a:0", "128k", "-b:a:1", "128k", "-b:a:2", "128k", "-b:a:3", "96k", "-b:a:4", "96k"],
                "v:0,a:0,name:1080p v:1,a:1,name:720p v:2,a:2,name:480p v:3,a:3,name:360p v:4,a:4,name:240p",
                Expected.Thumbnails(poster: "1080:1920", tile: "90:160")),
            Build(Sources.Video(1080, 1920)));
    }

    [Fact]
    public void Hls_1278x718_EvenDimensionsEverywhere()
    {
        Assert.Equal(
            Expected.Hls(
                "[0:v:0]fps=30,format=yuv420p,split=6[s0][s1][s2][s3][sp][ss];[s0]scale=1278:718,setsar=1[v0];[s1]scale=854:480,setsar=1[v1]"
                    + ";[s2]scale=640:360,setsar=1[v2];[s3]scale=428:240,setsar=1[v3]",
                audio: true,
                ["-c:v", "libx264", "-preset", "veryfast", .. Keyframes30,
                    "-b:v:0", "2800k", "-maxrate:v:0", "3080k", "-bufsize:v:0", "5600k", "-profile:v:0", "high",
                    "-b:v:1", "1400k", "-maxrate:v:1", "1540k", "-bufsize:v:1", "2800k", "-profile:v:1", "main",
                    "-b:v:2", "800k", "-maxrate:v:2", "880k", "-bufsize:v:2", "1600k", "-profile:v:2", "main",
                    "-b:v:3", "400k", "-maxrate:v:3", "440k", "-bufsize:v:3", "800k", "-profile:v:3", "main",
                    "-c:a", "aac", "-ac", "2", "-ar", "48000", "-b:a:0", "128k", "-b:a:1", "128k", "-b:a:2", "96k", "-b:a:3", "96k"],
                "v:0,a:0,name:720p v:1,a:1,name:480p v:2,a:2,name:360p v:3,a:3,name:240p",
                Expected.Thumbnails(poster: "1278:718", tile: "160:90")),
            Build(Sources.Video(1278, 718)));
    }

    [Fact]
    public void Hls_1080p60_HigherBitratesAndGop()
    {
        Assert.Equal(
            Expected.Hls(
                "[0:v:0]fps=60,format=yuv420p,split=7[s0][s1][s2][s3][s4][sp][ss]"
                    + ";[s0]scale=1920:1080,setsar=1[v0];[s1]scale=1280:720,setsar=1[v1];[s2]scale=854:480,setsar=1[v2]"
                    + ";[s3]scale=640:360,setsar=1[v3];[s4]scale=426:240,setsar=1[v4]",
                audio: true,
                ["-c:v", "libx264", "-preset", "veryfast",
                    "-g", "120", "-keyint_min", "120", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*4)",
                    "-b:v:0", "7500k", "-maxrate:v:0", "8250k", "-bufsize:v:0", "15000k", "-profile:v:0", "high",
                    "-b:v:1", "4200k", "-maxrate:v:1", "4620k", "-bufsize:v:1", "8400k", "-profile:v:1", "high",
                    "-b:v:2", "2100k", "-maxrate:v:2", "2310k", "-bufsize:v:2", "4200k", "-profile:v:2", "main",
                    "-b:v:3", "1200k", "-maxrate:v:3", "1320k", "-bufsize:v:3", "2400k", "-profile:v:3", "main",
                    "-b:v:4", "600k", "-maxrate:v:4", "660k", "-bufsize:v:4", "1200k", "-profile:v:4", "main",
                    "-c:a", "aac", "-ac", "2", "-ar", "48000",
                    "-b:a:0", "128k", "-b:a:1", "128k", "-b:a:2", "128k", "-b:a:3", "96k", "-b:a:4", "96k"],
                "v:0,a:0,name:1080p v:1,a:1,name:720p v:2,a:2,name:480p v:3,a:3,name:360p v:4,a:4,name:240p",
                Expected.Thumbnails(poster: "1280:720", tile: "160:90")),
            Build(Sources.Video(1920, 1080, fps: 60)));
    }

    [Fact]
    public void Hls_NtscVariableRate_FpsFilterUsesExactRational()
    {
        var args = Build(Sources.Video(1280, 720, fps: 29.9, variable: true));

        Assert.StartsWith("[0:v:0]fps=30000/1001,format=yuv420p,split=6", args[args.ToList().IndexOf("-filter_complex") + 1], StringComparison.Ordinal);
    }
}
