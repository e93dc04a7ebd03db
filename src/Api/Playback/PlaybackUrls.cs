using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>Bound from <c>VideoPlatform:Playback</c>.</summary>
public sealed class PlaybackSettings
{
    public const string Section = "VideoPlatform:Playback";

    /// <summary>
    /// A CDN whose origin is the Api's <c>/cdn/</c> path (<c>{PublicBaseUrl}/x</c> is fetched from <c>/cdn/x</c>); public
    /// Ready videos are played from it. Empty = every video is served by the Api at /play.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a playback path token of a non-public video stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Memory for the small objects of Ready videos (playlists, cues, init segments, small images); 0 = none.</summary>
    public long CacheBytes { get; set; } = 64L << 20;

    /// <summary>The largest object kept in that memory; larger ones (most segments) are always read from the store.</summary>
    public long CacheObjectBytes { get; set; } = 256L << 10;
}

/// <summary>
/// Where a player fetches the objects of a video: a public Ready video from the CDN when one is configured, under a
/// version that changes with its visibility; a non-public one from the Api's /play route with a token (a CDN could not
/// check it, and must never hold its objects); anything else from /play.
/// </summary>
public sealed class PlaybackUrls(IOptions<PlaybackSettings> options, CdnVersions versions)
{
    /// <summary>The Api's route a CDN is configured to pull from.</summary>
    public const string CdnOriginPrefix = "/cdn";

    private readonly string? cdn = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The folder, ending in '/', under which every object of <paramref name="video"/> is named for a player.</summary>
    /// <param name="token">The caller's path token; required for a non-public video.</param>
    public async Task<string> FolderAsync(VideoDetails video, string? token)
    {
        if (video.Visibility != Visibility.Public)
        {
            return $"/play/{video.Id}/{token ?? throw new ArgumentNullException(nameof(token), "a non-public video plays only with a token")}/";
        }

        // A video still processing rewrites its playlists every segment: a CDN would only relay them.
        return cdn is not null && video.Status == VideoStatus.Ready
            ? $"{cdn}/{video.Id}/{await versions.ForAsync(video)}/"
            : $"/play/{video.Id}/";
    }

    /// <summary>The URL of one object of the video, in a folder <see cref="FolderAsync"/> made.</summary>
    public static string For(string folder, string videoId, string objectKey) => folder + MediaKeys.PlayPath(videoId, objectKey);
}
