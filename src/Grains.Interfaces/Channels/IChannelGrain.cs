namespace VideoPlatform.Grains.Channels;

/// <summary>
/// One live channel: settings, hashed stream key, and the Idle/Live/Interrupted/Disabled status. Keyed by the channel
/// id. Each session is an <see cref="ILiveSessionGrain"/>; the channel starts, resumes and ends it.
/// </summary>
[Alias("VideoPlatform.IChannelGrain")]
public interface IChannelGrain : IGrainWithStringKey
{
    /// <summary>Creates the channel and its first stream key (returned once, stored only as a hash).</summary>
    [Alias("Create")]
    Task<ChannelWithKey> Create(CreateChannel command);

    /// <summary>Null when the channel was never created.</summary>
    [Alias("Get"), ReadOnly]
    Task<ChannelDetails?> Get();

    /// <summary>A new key; the old one stops working at once, and a session published with it ends.</summary>
    [Alias("RotateKey")]
    Task<ChannelWithKey> RotateKey();

    [Alias("Update")]
    Task<ChannelDetails> Update(ChannelPatch patch);

    /// <summary>Called by the ingest before NetStream.Publish.Start is sent.</summary>
    [Alias("BeginPublish")]
    Task<PublishGrant> BeginPublish(PublishRequest request);

    /// <summary>The ingest's connection ended (an unpublish ends the session, a drop interrupts it).</summary>
    [Alias("EndPublish")]
    Task EndPublish(string sessionId, string connectionId, SessionEnd how);

    /// <summary>The session ended on its own (lease expired or grace over). One-way: a session never waits on its channel.</summary>
    [Alias("SessionEnded"), OneWay]
    Task SessionEnded(string sessionId);

    /// <summary>A session's recording is a video now.</summary>
    [Alias("RecordingAdded"), OneWay]
    Task RecordingAdded(string videoId);
}
