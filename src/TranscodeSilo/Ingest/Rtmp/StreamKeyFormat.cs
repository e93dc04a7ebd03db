using VideoPlatform.Grains.Platform;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>The publish name as a stream key: the part before '?', [A-Za-z0-9_-]{1,128}, checked before any use.</summary>
public static class StreamKeyFormat
{
    public const int MaxLength = 128;

    public static bool TryParse(string publishName, out string key)
    {
        var query = publishName.IndexOf('?', StringComparison.Ordinal);
        key = query < 0 ? publishName : publishName[..query];
        return PlatformIds.IsUrlSafe(key, MaxLength);
    }
}
