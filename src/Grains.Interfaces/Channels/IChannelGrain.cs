namespace VideoPlatform.Grains.Channels;

/// <summary>One live channel: settings, hashed stream key, and the Idle/Live/Disabled lifecycle. Keyed by the channel id.</summary>
[Alias("VideoPlatform.IChannelGrain")]
public interface IChannelGrain : IGrainWithStringKey
{
    /// <summary>Creates the channel and its first stream key (returned once, stored only as a hash).</summary>
    [Alias("Create")]
    Task<ChannelWithKey> Create(CreateChannel command);

    /// <summary>Null when the channel was never created.</summary>
    [Alias("Get"), ReadOnly]
    Task<ChannelDetails?> Get();

    /// <summary>A new key; the old one stops working at once (a live session keeps running).</summary>
    [Alias("RotateKey")]
    Task<ChannelWithKey> RotateKey();

    [Alias("Update")]
    Task<ChannelDetails> Update(ChannelPatch patch);

    /// <summary>Called by the ingest before NetStream.Publish.Start is sent.</summary>
    [Alias("BeginPublish")]
    Task<PublishGrant> BeginPublish(PublishRequest request);

    /// <summary>The ingest node renews its lease on the session (and reports the measured bitrate).</summary>
    [Alias("Renew")]
    Task<SessionLease> Renew(string sessionId, string connectionId, long bitrate);

    [Alias("ReportMedia")]
    Task ReportMedia(string sessionId, string connectionId, LiveMediaInfo media);

    [Alias("EndPublish")]
    Task EndPublish(string sessionId, string connectionId, SessionEnd how);

    /// <summary>A viewer fetched a live media playlist (feeds the approximate viewer count).</summary>
    [Alias("CountPlaylistFetch"), OneWay]
    Task CountPlaylistFetch();

    /// <summary>The media pool finished (or gave up on) the recording of a session.</summary>
    [Alias("RecordingFinished")]
    Task RecordingFinished(string sessionId, string videoId, bool succeeded);
}
