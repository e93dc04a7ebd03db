using Microsoft.Extensions.Caching.Memory;
using VideoPlatform.Api.Errors;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Infrastructure.Storage;

namespace VideoPlatform.Api.Live;

/// <summary>
/// Serves live HLS from the object store, so any Api replica can: <c>/live/{channel}/master.m3u8</c> is the current
/// session's master (its URIs are <c>{session}/{rung}/live.m3u8</c>), everything else maps to <c>live/{channel}/{path}</c>.
/// Playlists live one second in caches; segments never change under their key.
/// </summary>
public sealed class LiveServer(IObjectStore store, IClusterClient grains, IMemoryCache cache)
{
    public const string PlaylistCacheControl = "public, max-age=1";
    private const string SegmentCacheControl = "public, max-age=31536000, immutable";
    private static readonly TimeSpan ChannelLifetime = TimeSpan.FromSeconds(1);

    public async Task<IResult> ServeAsync(HttpContext context, string channelId, string path)
    {
        if (!Videos.VideoIds.IsWellFormed(channelId) || LiveKey(channelId, path) is not { } relative)
        {
            return ApiProblem.NotFound("File", path);
        }

        string key;
        if (relative == "master.m3u8")
        {
            if (await SessionAsync(channelId) is not { } session)
            {
                return ApiProblem.NotFound("Live stream", channelId);
            }

            key = $"live/{channelId}/{session}/master.m3u8";
        }
        else
        {
            key = $"live/{channelId}/{relative}";
            if (relative.EndsWith("/live.m3u8", StringComparison.Ordinal))
            {
                await grains.GetGrain<IChannelGrain>(channelId).CountPlaylistFetch();
            }
        }

        await using var content = await store.GetAsync(key, cancellationToken: context.RequestAborted);
        if (content is null)
        {
            return ApiProblem.NotFound("File", path);
        }

        var response = context.Response;
        response.ContentType = MediaContentTypes.For(key);
        response.ContentLength = content.Length;
        response.Headers.CacheControl = key.EndsWith(".m3u8", StringComparison.Ordinal) ? PlaylistCacheControl : SegmentCacheControl;
        response.Headers.ETag = $"\"{content.Info.ETag}\"";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await content.Stream.CopyToAsync(response.Body, context.RequestAborted);
        }

        return TypedResults.Empty;
    }

    /// <summary>master.m3u8, or {session}/{rung}/{file}.m3u8|.ts with URL-safe parts; null for anything else.</summary>
    public static string? LiveKey(string channelId, string path)
    {
        if (path == "master.m3u8")
        {
            return path;
        }

        var parts = path.Split('/');
        var wellFormed = parts.Length == 3
            && parts.All(p => p.Length is > 0 and <= 64 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && p[0] != '.')
            && (parts[2].EndsWith(".m3u8", StringComparison.Ordinal) || parts[2].EndsWith(".ts", StringComparison.Ordinal));
        return wellFormed && ObjectKey.IsValid($"live/{channelId}/{path}") ? path : null;
    }

    private async Task<string?> SessionAsync(string channelId) =>
        await cache.GetOrCreateAsync($"live-session:{channelId}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ChannelLifetime;
            var channel = await grains.GetGrain<IChannelGrain>(channelId).Get();
            return channel is { Live: { } s } && ChannelStateMachine.HasSession(channel.Status) ? s.SessionId : null;
        });
}
