namespace VideoPlatform.Grains.Analytics;

/// <summary>
/// Per-video playback statistics, fed by an implicit subscription to the <c>playback</c> stream. Keyed by video id.
/// </summary>
[Alias("VideoPlatform.IVideoStatsGrain")]
public interface IVideoStatsGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<VideoStats> Get();

    [Alias("GetViews"), ReadOnly]
    Task<long> GetViews();

    /// <summary>Views and watch time per hour or day, read from the warehouse.</summary>
    [Alias("Timeseries"), ReadOnly]
    Task<IReadOnlyList<TimeseriesPoint>> Timeseries(DateTimeOffset from, DateTimeOffset to, TimeseriesBucket bucket);

    /// <summary>Forgets the stats and replays every playback event of the video from the warehouse.</summary>
    [Alias("Rebuild")]
    Task<VideoStats> Rebuild();
}
