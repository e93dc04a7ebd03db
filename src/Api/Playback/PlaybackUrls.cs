using Microsoft.Extensions.Options;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>Bound from <c>VideoPlatform:Playback</c>.</summary>
public sealed class PlaybackSettings
{
    public const string Section = "VideoPlatform:Playback";

    /// <summary>A CDN (or public bucket) that mirrors the object store's keys; empty = served by the Api at /play.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a playback path token of a non-public video stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Memory for the small objects of Ready videos (playlists, cues, init segments, small images); 0 = none.</summary>
    public long CacheBytes { get; set; } = 64L << 20;

    /// <summary>The largest object kept in that memory; larger ones (most segments) are always read from the store.</summary>
    public long CacheObjectBytes { get; set; } = 256L << 10;
}

/// <summary>Where a player fetches an object of a video: the Api's /play route, or the CDN when one is configured.</summary>
public sealed class PlaybackUrls(IOptions<PlaybackSettings> options)
{
    private readonly string? cdn = options.Value.PublicBaseUrl?.TrimEnd('/');

    /// <summary>With a <paramref name="token"/> (non-public videos) always the Api's route: a CDN could not check it.</summary>
    public string For(string videoId, string objectKey, string? token = null)
    {
        if (token is not null)
        {
            return $"/play/{videoId}/{token}/{MediaKeys.PlayPath(videoId, objectKey)}";
        }

        if (!string.IsNullOrEmpty(cdn))
        {
            return $"{cdn}/{objectKey}";
        }

        return $"/play/{videoId}/{MediaKeys.PlayPath(videoId, objectKey)}";
    }
}
