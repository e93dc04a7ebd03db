using VideoPlatform.Api.Playback;

namespace VideoPlatform.Api.Apis;

/// <summary>
/// /play/{id}/…: HLS playlists, segments and images of playable videos, straight from the object store.
/// /cdn/{id}/{version}/…: the same files of public Ready videos, for a CDN to pull (docs/playback.md).
/// </summary>
public static class PlaybackApi
{
    public static IEndpointRouteBuilder MapPlaybackApi(this IEndpointRouteBuilder app)
    {
        app.MapStoredObjects("/play/{id}/{**path}", (string id, string path, HttpContext context, PlaybackServer server) =>
                server.ServeAsync(context, id, path))
            .WithTags("Playback")
            .WithName("Play");
        app.MapStoredObjects(PlaybackUrls.CdnOriginPrefix + "/{id}/{version}/{**path}",
                (string id, string version, string path, HttpContext context, PlaybackServer server) => server.ServeCdnOriginAsync(context, id, version, path))
            .WithTags("Playback")
            .WithName("CdnOrigin");
        return app;
    }
}
