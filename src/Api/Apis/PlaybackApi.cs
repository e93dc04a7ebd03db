using VideoPlatform.Api.Playback;

namespace VideoPlatform.Api.Apis;

/// <summary>/play/{id}/…: HLS playlists, segments and images of ready videos, straight from the object store.</summary>
public static class PlaybackApi
{
    public static IEndpointRouteBuilder MapPlaybackApi(this IEndpointRouteBuilder app)
    {
        app.MapStoredObjects("/play/{id}/{**path}", (string id, string path, HttpContext context, PlaybackServer server) =>
                server.ServeAsync(context, id, path))
            .WithTags("Playback")
            .WithName("Play");
        return app;
    }
}
