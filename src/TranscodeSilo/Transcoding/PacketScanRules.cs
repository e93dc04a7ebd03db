using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>
/// Judges a header against the packets really in the file, before any encode: a file that holds far fewer frames than
/// it declares is corrupt now, not after an encode that duplicates its few frames for hours. Pure.
/// </summary>
public static class PacketScanRules
{
    // Below half of what the header promises is damage, not rounding or a trailing partial GOP.
    private const double MinShareOfDeclared = 0.5;

    // A video averages at least one frame per ten seconds: even a slideshow or a still screen recording does more.
    private const double MinFramesPerSecond = 0.1;

    /// <param name="declaredDuration">The header's duration of the video, null when it states none.</param>
    /// <param name="declaredFrames">The header's frame count (MP4 states one), null when it states none.</param>
    public static MediaRejection? Check(PacketScan scan, TimeSpan? declaredDuration, long? declaredFrames)
    {
        if (scan.Packets == 0)
        {
            return Corrupt("The file holds no video frames.");
        }

        if (declaredFrames is > 0 and var frames && scan.Packets < frames * MinShareOfDeclared)
        {
            return Corrupt($"The file holds {Count(scan.Packets)} of the {Count(frames)} video frames its header declares.");
        }

        if (declaredDuration is { } declared && scan.Span is { } span && span < declared * MinShareOfDeclared)
        {
            return Corrupt($"The video data ends after {Seconds(span)} s of the {Seconds(declared)} s its header declares.");
        }

        var length = declaredDuration ?? scan.Span ?? TimeSpan.Zero;
        if (scan.Packets < length.TotalSeconds * MinFramesPerSecond)
        {
            return Corrupt($"The file holds {Count(scan.Packets)} video frames for {Seconds(length)} s.");
        }

        return null;
    }

    private static MediaRejection Corrupt(string message) => new(RejectionReason.Corrupt, message);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
