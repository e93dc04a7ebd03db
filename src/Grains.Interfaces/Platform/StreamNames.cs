namespace VideoPlatform.Grains.Platform;

/// <summary>The Orleans stream provider and the namespaces events are published on.</summary>
public static class StreamNames
{
    public const string Provider = "platform";
    public const string Video = "video";
    public const string Playback = "playback";
    public const string Live = "live";
    public const string Upload = "upload";
    public const string TranscodeJob = "transcode";
}
