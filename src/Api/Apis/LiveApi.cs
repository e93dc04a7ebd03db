using VideoPlatform.Api.Live;

namespace VideoPlatform.Api.Apis;

/// <summary>/live/{channel}/…: the live HLS master, media playlists and segments of a channel's current session.</summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/live/{channel}/{**path}", [HttpMethods.Get, HttpMethods.Head], (string channel, string path, HttpContext context, LiveServer server) =>
                server.ServeAsync(context, channel, path))
            .WithTags("Live")
            .WithName("LivePlayback")
            .RequireCors(Playback.StoredObjectResponse.CorsPolicy);
        return app;
    }
}
