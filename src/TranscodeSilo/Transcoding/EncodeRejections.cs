using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>
/// Faults in the source that only decoding reveals (cut-off data, a codec we cannot decode), judged from the ladder
/// encode itself rather than from extra decode passes before it. Pure.
/// </summary>
public static class EncodeRejections
{
    // ffmpeg's own wording for input it cannot read; anything else (disk full, killed, out of memory) is our fault
    // and worth a retry.
    private static readonly string[] DamagedInput =
    [
        "Invalid data found when processing input", "partial file", "moov atom not found", "Error splitting the input",
        "corrupt decoded frame", "error while decoding",
    ];

    /// <summary>The rejection a failed encode means, or null when the failure is not the source's fault.</summary>
    public static MediaRejection? FromFailure(string standardErrorTail, SourceInfo source)
    {
        if (standardErrorTail.Contains("Decoder", StringComparison.Ordinal) && standardErrorTail.Contains("not found", StringComparison.Ordinal))
        {
            return new MediaRejection(RejectionReason.UnsupportedCodec, $"No decoder for the video codec {source.VideoCodec}.");
        }

        var damage = DamagedInput.FirstOrDefault(d => standardErrorTail.Contains(d, StringComparison.OrdinalIgnoreCase));
        return damage is null ? null : new MediaRejection(RejectionReason.Corrupt, $"The video does not decode: {damage}.");
    }

    /// <summary>
    /// A file whose header promises more than its data holds (an upload cut short) encodes "successfully" into a
    /// shorter video; more than a second (or 5%) missing is a corrupt source, not a video to publish.
    /// </summary>
    public static MediaRejection? FromCoverage(SourceInfo source, double encodedSeconds)
    {
        var expected = (source.VideoDuration ?? source.Duration).TotalSeconds;
        var tolerance = Math.Max(1.0, expected * 0.05);
        if (expected - encodedSeconds <= tolerance)
        {
            return null;
        }

        var got = encodedSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var want = expected.ToString("0.#", CultureInfo.InvariantCulture);
        return new MediaRejection(RejectionReason.Corrupt, $"The video data ends after {got} s of the {want} s its header declares.");
    }
}
