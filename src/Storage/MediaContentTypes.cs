namespace VideoPlatform.Storage;

/// <summary>Content types of the files the platform stores and serves, by extension.</summary>
public static class MediaContentTypes
{
    public static string For(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".m4s" => "video/iso.segment",
        ".mp4" => "video/mp4",
        ".ts" => "video/mp2t",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".vtt" => "text/vtt",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    /// <summary>Playlists change (live) or may be re-published; segments and images never change under one key.</summary>
    public static bool IsImmutable(string key) => Path.GetExtension(key).ToLowerInvariant() is not ".m3u8";
}
