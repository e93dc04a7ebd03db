namespace VideoPlatform.Grains.Channels;

/// <summary>
/// Closes the live playlists of a session whose ingest can no longer close them (the publisher never came back, or
/// its ingest node died). Playlist writing is media work: this runs on the media pool. Keyed by the session id.
/// </summary>
[Alias("VideoPlatform.ILiveWindowsGrain")]
public interface ILiveWindowsGrain : IGrainWithStringKey
{
    [Alias("Close")]
    Task Close(string channelId);
}
