using VideoPlatform.Api.Live;
using VideoPlatform.Api.Playback;

namespace VideoPlatform.Api.Apis;

/// <summary>/live/{channel}/…: the live HLS master, media playlists and segments of a channel's current session.</summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapStoredObjects("/live/{channel}/{**path}", (string channel, string path, HttpContext context, LiveServer server) =>
                server.ServeAsync(context, channel, path))
            .WithTags("Live")
            .WithName("LivePlayback");
        return app;
    }
}
