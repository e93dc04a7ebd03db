using Microsoft.Extensions.Caching.Memory;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Whether a video's files may be served: it must be Ready, or Processing with its ladder growing in the store.
/// Answers are cached for a few seconds so that a player's segment requests do not each cost a grain call; a
/// video still processing is asked again sooner, so that it turns playable (or stops being) within a second.
/// </summary>
public sealed class PlaybackAccess(IClusterClient grains, IMemoryCache cache)
{
    /// <summary>
    /// How late a replica that did not handle a change of visibility or a delete learns of it; with a CDN's playlist
    /// lifetime it must stay within <see cref="PlaybackCacheControl.StopBound"/>.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ProcessingLifetime = TimeSpan.FromSeconds(1);

    public async Task<VideoDetails?> PlayableAsync(string videoId)
    {
        if (cache.TryGetValue<VideoDetails?>(videoId, out var cached))
        {
            return cached;
        }

        var video = await grains.GetGrain<IVideoGrain>(videoId).Get();
        var playable = video is { Playable: true } ? video : null;
        cache.Set(videoId, playable, video?.Status is VideoStatus.Processing or VideoStatus.Uploaded ? ProcessingLifetime : Lifetime);
        return playable;
    }

    /// <summary>
    /// Drops this replica's answer for a video just changed or deleted through it, so that its next request asks the
    /// grain again (and a deleted video's objects, cached or not, stop being served at once). Other replicas learn
    /// within <see cref="Lifetime"/>.
    /// </summary>
    public void Forget(string videoId) => cache.Remove(videoId);
}
