using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Storage;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>Writes <c>#EXT-X-ENDLIST</c> into each open live window of an ended session (see <see cref="LivePlaylistEnd"/>).</summary>
[MediaPool]
public sealed class LiveWindowsGrain(IObjectStore store) : Grain, ILiveWindowsGrain
{
    public async Task Close(string channelId)
    {
        var sessionId = this.GetPrimaryKeyString();
        await foreach (var item in store.ListAsync(MediaKeys.LiveSessionPrefix(channelId, sessionId)))
        {
            if (!LivePlaylistEnd.IsWindow(item.Key))
            {
                continue;
            }

            if (await store.GetTextAsync(item.Key) is { } text && LivePlaylistEnd.Close(text) is { } closed)
            {
                await store.PutTextAsync(item.Key, closed);
            }
        }
    }
}
