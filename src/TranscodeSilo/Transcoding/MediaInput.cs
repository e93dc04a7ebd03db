namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>
/// The input options of every ffmpeg/ffprobe run on stored media. The protocol whitelist is inherited by everything a
/// demuxer opens on its own (playlist entries, concat lines, references), so a crafted file cannot make ffmpeg fetch a
/// URL or another protocol; the pinned demuxer keeps it from re-detecting the bytes as a playlist. Pure.
/// </summary>
public static class MediaInput
{
    /// <summary>Sources are always local files: the worker reads the store's file in place or downloads it first.</summary>
    public const string FileProtocols = "file";

    /// <summary>Live media arrives on ffmpeg's stdin.</summary>
    public const string PipeProtocols = "pipe";

    /// <summary>A local file read with a known demuxer.</summary>
    public static IReadOnlyList<string> File(string demuxer, string path) =>
        ["-protocol_whitelist", FileProtocols, "-f", demuxer, "-i", path];

    /// <summary>Stdin read with a known demuxer.</summary>
    public static IReadOnlyList<string> Pipe(string demuxer) =>
        ["-protocol_whitelist", PipeProtocols, "-f", demuxer, "-i", "pipe:0"];
}
