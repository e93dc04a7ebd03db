using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>
/// The RFC 6381 "avc1.PPCCLL" string from an fMP4 init segment. x264 signals the profile the stream actually
/// needs, which may be lower than the one asked for, so the playlist must report what was written. Pure.
/// </summary>
public static class AvcCodecString
{
    /// <returns>null when the init segment holds no avcC box.</returns>
    public static string? FromInitSegment(ReadOnlySpan<byte> init)
    {
        // avcC payload: configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication.
        var at = init.IndexOf("avcC"u8);
        if (at < 0 || at + 8 > init.Length || init[at + 4] != 1)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"avc1.{init[at + 5]:x2}{init[at + 6]:x2}{init[at + 7]:x2}");
    }

    /// <summary>What to claim when the init segment cannot be read: the requested profile at level 4.0.</summary>
    public static string Fallback(string profile) => profile == "high" ? "avc1.640028" : "avc1.4d4028";
}
