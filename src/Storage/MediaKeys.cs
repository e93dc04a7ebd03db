namespace VideoPlatform.Storage;

/// <summary>
/// The storage layout: every object key the platform writes, and the mapping between playback paths and keys. The
/// writer and the reader of each object build its key here, so the layout can change in one place.
/// <code>
/// uploads/{upload}/data | tail-{grant}     staged bytes of a tus upload
/// raw/{video}/source                       the uploaded source
/// vod/{video}/hls/master.m3u8, {rung}/…    the ladder       = /play/{video}/master.m3u8, /play/{video}/{rung}/…
/// vod/{video}/thumbs/…                     poster, storyboard = /play/{video}/thumbs/…
/// live/{channel}/{session}/master.m3u8     a session's master = /live/{channel}/master.m3u8 while it is live
/// live/{channel}/{session}/{rung}/…        its rungs          = /live/{channel}/{session}/{rung}/…
/// </code>
/// /play/{video}/{token}/{path} and the CDN origin's /cdn/{video}/{version}/{path} name the same keys as /play/{video}/{path}.
/// Ids must be one key segment (the platform's ids are base64url); anything else is refused, not escaped.
/// </summary>
public static class MediaKeys
{
    public const string MasterPlaylist = "master.m3u8";
    public const string PosterPath = ThumbsFolder + "poster.jpg";
    public const string StoryboardPath = ThumbsFolder + "storyboard.jpg";
    public const string StoryboardCuesPath = ThumbsFolder + "storyboard.vtt";

    // Thumbnails sit beside the HLS tree, not in it, so a playlist's relative URIs cannot reach them by accident.
    private const string ThumbsFolder = "thumbs/";

    public static string UploadPrefix(string uploadId) => $"uploads/{Segment(uploadId)}/";

    /// <summary>The single growing object of an upload to a store that can append.</summary>
    public static string UploadData(string uploadId) => UploadPrefix(uploadId) + "data";

    /// <summary>The bytes of one PATCH that did not fill a whole multipart part, kept until the next one.</summary>
    public static string UploadTail(string uploadId, Guid grant) => UploadPrefix(uploadId) + $"tail-{grant:N}";

    public static string SourcePrefix(string videoId) => $"raw/{Segment(videoId)}/";

    public static string Source(string videoId) => SourcePrefix(videoId) + "source";

    /// <summary>Everything published for a video: the HLS tree and the thumbnails.</summary>
    public static string VideoPrefix(string videoId) => $"vod/{Segment(videoId)}/";

    /// <summary>The key of <paramref name="path"/> (as in /play/{video}/{path}, or a file of a transcode's output folder).</summary>
    public static string Video(string videoId, string path) =>
        path.StartsWith(ThumbsFolder, StringComparison.Ordinal) ? VideoPrefix(videoId) + path : HlsPrefix(videoId) + path;

    /// <summary>The key /play/{video}/{path} serves; null for a path that is no valid key (such as one with '..').</summary>
    public static string? FromPlayPath(string videoId, string path) => Checked(() => Video(videoId, path));

    /// <summary>The path under /play/{video}/ of a key <see cref="Video"/> built.</summary>
    public static string PlayPath(string videoId, string key)
    {
        var hls = HlsPrefix(videoId);
        var vod = VideoPrefix(videoId);
        return key.StartsWith(hls, StringComparison.Ordinal) ? key[hls.Length..]
            : key.StartsWith(vod, StringComparison.Ordinal) ? key[vod.Length..]
            : throw new ArgumentException($"'{key}' is not an object of video '{videoId}'", nameof(key));
    }

    public static string LiveSessionPrefix(string channelId, string sessionId) => LiveChannelPrefix(channelId) + $"{Segment(sessionId)}/";

    public static string LiveMaster(string channelId, string sessionId) => LiveSessionPrefix(channelId, sessionId) + MasterPlaylist;

    public static string LiveRung(string channelId, string sessionId, string rung, string file) =>
        LiveChannelPrefix(channelId) + LiveRungPath(sessionId, rung, file);

    /// <summary>A rung's file as the live master refers to it: relative to /live/{channel}/, which mirrors live/{channel}/.</summary>
    public static string LiveRungPath(string sessionId, string rung, string file) => $"{Segment(sessionId)}/{Segment(rung)}/{Segment(file)}";

    /// <summary>
    /// The key /live/{channel}/{path} serves for a rung file ({session}/{rung}/{name}.m3u8|.ts with URL-safe parts);
    /// null for anything else. The master (/live/{channel}/master.m3u8) is <see cref="LiveMaster"/> of the current session.
    /// </summary>
    public static string? FromLivePath(string channelId, string path)
    {
        var parts = path.Split('/');
        var wellFormed = parts.Length == 3
            && parts.All(p => p.Length is > 0 and <= 64 && p[0] != '.' && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            && (parts[2].EndsWith(".m3u8", StringComparison.Ordinal) || parts[2].EndsWith(".ts", StringComparison.Ordinal));
        return wellFormed ? Checked(() => LiveRung(channelId, parts[0], parts[1], parts[2])) : null;
    }

    private static string HlsPrefix(string videoId) => VideoPrefix(videoId) + "hls/";

    private static string LiveChannelPrefix(string channelId) => $"live/{Segment(channelId)}/";

    private static string Segment(string id) =>
        id.Length > 0 && id is not ("." or "..") && !id.Contains('/', StringComparison.Ordinal)
            ? id
            : throw new InvalidObjectKeyException(id, "an id or name must be one non-empty path segment");

    private static string? Checked(Func<string> build)
    {
        try
        {
            return ObjectKey.Validate(build());
        }
        catch (InvalidObjectKeyException)
        {
            return null;
        }
    }
}
