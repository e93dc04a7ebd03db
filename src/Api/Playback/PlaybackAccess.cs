using Microsoft.Extensions.Caching.Memory;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Hosting.Cluster;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Whether a video's files may be served: it must be Ready. Answers are cached for a few seconds so that a
/// player's segment requests do not each cost a grain call.
/// </summary>
public sealed class PlaybackAccess(IClusterClient grains, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async Task<VideoDetails?> PlayableAsync(string videoId)
    {
        if (cache.TryGetValue<VideoDetails?>(videoId, out var cached))
        {
            return cached;
        }

        var video = await grains.GetGrainFast<IVideoGrain>(videoId).Get();
        var playable = video is { Status: VideoStatus.Ready } ? video : null;
        cache.Set(videoId, playable, Lifetime);
        return playable;
    }
}
