using System.Globalization;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Cache-Control of every playback answer. Only the CDN origin's answers are <c>public</c> (a shared cache may keep them),
/// and only under a URL whose version dies with the video's public visibility; the /play route's are <c>private</c>, so
/// no shared cache ever keeps an object under a URL that outlives a change of visibility. Playlists live
/// <see cref="PlaylistLifetime"/>, which with <see cref="PlaybackAccess.Lifetime"/> bounds how long a video made private
/// or deleted keeps starting anywhere (docs/playback.md).
/// </summary>
public static class PlaybackCacheControl
{
    /// <summary>The time within which playback stops everywhere once a video is made private or deleted.</summary>
    public static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan PlaylistLifetime = TimeSpan.FromSeconds(2);

    /// <summary>A refusal is not kept: the same URL may be served again a moment later (a video turning Ready).</summary>
    public const string Refusal = "no-store";

    private static readonly string MaxAge = ((int)PlaylistLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    private static readonly string CdnPlaylist = $"public, max-age={MaxAge}";
    private static readonly string ApiPlaylist = $"private, max-age={MaxAge}";
    private const string ApiImmutable = "private, max-age=3600";

    // A video still processing grows its playlists every segment (and a retried job rewrites its segments).
    private const string Growing = "private, no-cache";

    /// <param name="cdn">Served to the CDN's origin route (a public Ready video, under its current version).</param>
    /// <param name="final">The video is Ready: its objects no longer change.</param>
    public static string For(bool cdn, string key, bool final) =>
        (cdn, MediaContentTypes.IsImmutable(key), final) switch
        {
            (true, true, _) => StoredObjectResponse.ImmutableCacheControl,
            (true, false, _) => CdnPlaylist,
            (false, _, false) => Growing,
            (false, true, true) => ApiImmutable,
            (false, false, true) => ApiPlaylist,
        };
}
