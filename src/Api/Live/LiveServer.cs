using Microsoft.Extensions.Caching.Memory;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Playback;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Live;

/// <summary>
/// Serves live HLS from the object store, so any Api replica can: <c>/live/{channel}/master.m3u8</c> is the current
/// session's master, everything else a rung file (<see cref="MediaKeys.FromLivePath"/>). Playlists live one second in
/// caches, as they change every segment; segments never change under their key.
/// </summary>
public sealed class LiveServer(IObjectStore store, IClusterClient grains, IMemoryCache cache)
{
    public const string PlaylistCacheControl = "public, max-age=1";
    private static readonly TimeSpan ChannelLifetime = TimeSpan.FromSeconds(1);

    public async Task<IResult> ServeAsync(HttpContext context, string channelId, string path)
    {
        if (!PlatformIds.IsWellFormed(channelId))
        {
            return ApiProblem.NotFound("File", path);
        }

        string key;
        string? viewedSession = null;
        if (path == MediaKeys.MasterPlaylist)
        {
            if (await SessionAsync(channelId) is not { } session)
            {
                return ApiProblem.NotFound("Live stream", channelId);
            }

            key = MediaKeys.LiveMaster(channelId, session);
        }
        else if (MediaKeys.FromLivePath(channelId, path) is { } rungKey)
        {
            key = rungKey;
            // Only the current session counts viewers: a made-up session id in a URL activates no grain.
            var sessionId = path[..path.IndexOf('/', StringComparison.Ordinal)];
            if (path.EndsWith("/live.m3u8", StringComparison.Ordinal) && await SessionAsync(channelId) == sessionId)
            {
                viewedSession = sessionId;
            }
        }
        else
        {
            return ApiProblem.NotFound("File", path);
        }

        var cacheControl = MediaContentTypes.IsImmutable(key) ? StoredObjectResponse.ImmutableCacheControl : PlaylistCacheControl;
        return await StoredObjectResponse.ServeAsync(context, key, path, cacheControl, async (range, cancellationToken) =>
        {
            var content = await store.GetAsync(key, range, cancellationToken);
            if (content is not null && viewedSession is not null)
            {
                // A viewer is a fetch of a playlist that exists, not of any name under the session.
                await grains.GetGrain<ILiveSessionGrain>(viewedSession).CountPlaylistFetch();
            }

            return content;
        });
    }

    /// <summary>
    /// The channel's current session. The directory (one activation) answers first, and only for a live channel is
    /// the channel grain asked and the answer cached, so a flood of made-up channel ids activates nothing and fills no cache.
    /// </summary>
    private async Task<string?> SessionAsync(string channelId)
    {
        var cacheKey = $"live-session:{channelId}";
        if (cache.TryGetValue(cacheKey, out string? known))
        {
            return known;
        }

        if (!await grains.GetGrain<IChannelDirectoryGrain>("all").IsLive(channelId))
        {
            return null;
        }

        var channel = await grains.GetGrain<IChannelGrain>(channelId).Get();
        var session = channel is { Live: { } s } && ChannelStateMachine.HasSession(channel.Status) ? s.SessionId : null;
        return cache.Set(cacheKey, session, ChannelLifetime);
    }
}
