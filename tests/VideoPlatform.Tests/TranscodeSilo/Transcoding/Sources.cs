using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

/// <summary>Probed-source values for the pure planner and argument tests.</summary>
internal static class Sources
{
    public const string Input = "/media/in/source.mp4";

    public static SourceInfo Video(int width, int height, double fps = 30, bool audio = true, bool variable = false, double seconds = 10) =>
        new(
            "mov,mp4,m4a,3gp,3g2,mj2",
            TimeSpan.FromSeconds(seconds),
            width,
            height,
            0,
            FrameRate.Parse($"{(int)Math.Round(fps * 1000)}/1000")!.Value,
            variable,
            "h264",
            "yuv420p",
            audio ? "aac" : null,
            audio ? 2 : 0,
            6_000_000,
            7_500_000);
}
