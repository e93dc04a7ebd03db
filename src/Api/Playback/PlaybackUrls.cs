using Microsoft.Extensions.Options;

namespace VideoPlatform.Api.Playback;

/// <summary>Bound from <c>VideoPlatform:Playback</c>.</summary>
public sealed class PlaybackSettings
{
    public const string Section = "VideoPlatform:Playback";

    /// <summary>A CDN (or public bucket) that mirrors the object store's keys; empty = served by the Api at /play.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Where a player fetches an object of a video: the Api's /play route, or the CDN when one is configured.</summary>
public sealed class PlaybackUrls(IOptions<PlaybackSettings> options)
{
    private readonly string? cdn = options.Value.PublicBaseUrl?.TrimEnd('/');

    public string For(string videoId, string objectKey)
    {
        if (!string.IsNullOrEmpty(cdn))
        {
            return $"{cdn}/{objectKey}";
        }

        return $"/play/{videoId}/{PlaybackPaths.RelativePath(videoId, objectKey)}";
    }
}
