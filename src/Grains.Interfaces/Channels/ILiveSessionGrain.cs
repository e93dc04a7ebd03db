namespace VideoPlatform.Grains.Channels;

/// <summary>
/// One live session, keyed by the session id: its ingest lease, the reconnect grace, viewers, the "live"/"ended"
/// events and the recording hand-off. The channel grain starts, resumes and ends it; the ingest renews its lease.
/// </summary>
[Alias("VideoPlatform.ILiveSessionGrain")]
public interface ILiveSessionGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task Start(LiveSessionStart start);

    /// <summary>The same streamer reconnects: resumes an interrupted session, or takes over one whose lease lapsed.</summary>
    [Alias("Resume")]
    Task<SessionResume> Resume(PublishRequest request);

    /// <summary>The ingest node renews its lease (and reports the measured bitrate).</summary>
    [Alias("Renew")]
    Task<SessionLease> Renew(string connectionId, long bitrate);

    /// <summary>
    /// The attached connection asks to be told when the session ends under it (kept in memory: the lease renewal is
    /// the fallback after a silo loss). Lost when <paramref name="connectionId"/> is not the attached one.
    /// </summary>
    [Alias("Watch")]
    Task<SessionLease> Watch(string connectionId, ILiveSessionObserver observer);

    [Alias("ReportMedia")]
    Task ReportMedia(string connectionId, LiveMediaInfo media);

    /// <summary>The attached connection is gone; null when <paramref name="connectionId"/> is not the attached one.</summary>
    [Alias("EndPublish")]
    Task<LiveSessionStatus?> EndPublish(string connectionId, SessionEnd how);

    /// <summary>The channel ends the session (it was disabled, or its key rotated); the attached connection is told.</summary>
    [Alias("End")]
    Task End(string reason);

    /// <summary>Null for a session that never started (or whose work is all done).</summary>
    [Alias("Get"), ReadOnly]
    Task<LiveSessionView?> Get();

    /// <summary>A viewer fetched a live media playlist (feeds the approximate viewer count).</summary>
    [Alias("CountPlaylistFetch"), OneWay]
    Task CountPlaylistFetch();

    /// <summary>The media pool finished (or gave up on) the recording.</summary>
    [Alias("RecordingFinished")]
    Task RecordingFinished(string videoId, bool succeeded);

    /// <summary>Takes over what a channel written by the previous version held about this session.</summary>
    [Alias("Adopt")]
    Task Adopt(LiveSessionHandover handover);
}
