namespace VideoPlatform.Api.Playback;

/// <summary>
/// The mapping between /play/{id}/{path} and object keys: thumbnails live under <c>vod/{id}/thumbs/</c>, everything
/// else (master playlist, rendition folders) under <c>vod/{id}/hls/</c>, so relative URIs in playlists resolve.
/// </summary>
public static class PlaybackPaths
{
    public static string KeyFor(string videoId, string path) =>
        path.StartsWith("thumbs/", StringComparison.Ordinal) ? $"vod/{videoId}/{path}" : $"vod/{videoId}/hls/{path}";

    public static string RelativePath(string videoId, string key)
    {
        var hls = $"vod/{videoId}/hls/";
        var vod = $"vod/{videoId}/";
        return key.StartsWith(hls, StringComparison.Ordinal) ? key[hls.Length..]
            : key.StartsWith(vod, StringComparison.Ordinal) ? key[vod.Length..]
            : throw new ArgumentException($"'{key}' is not an object of video '{videoId}'", nameof(key));
    }
}
