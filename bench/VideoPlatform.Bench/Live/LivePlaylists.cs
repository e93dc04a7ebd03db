using System.Net;
using VideoPlatform.Bench.Platform;

namespace VideoPlatform.Bench.Live;

/// <summary>
/// Fetchers for <see cref="PlaylistWatch"/>: a rung's sliding-window playlist through the Api's /live route (what
/// viewers poll), found from the channel's live session; and a playlist file on local disk.
/// </summary>
public static class LivePlaylists
{
    public static Func<CancellationToken, Task<string?>> ThroughApi(ApiClient api, string channelId, string rung)
    {
        string? session = null;
        return async stop =>
        {
            session ??= await api.LiveSessionAsync(channelId);
            if (session is null)
            {
                return null;
            }

            using var response = await api.Http.GetAsync(new Uri($"/live/{channelId}/{session}/{rung}/live.m3u8", UriKind.Relative), stop);
            return response.StatusCode == HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(stop);
        };
    }

    public static Func<CancellationToken, Task<string?>> LocalFile(string path) => async stop =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, stop) : null;
}
