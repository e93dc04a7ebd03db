namespace VideoPlatform.Grains.Analytics;

/// <summary>What the stats grain of one video knows; the shape of <c>GET /api/videos/{id}/stats</c>.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.VideoStats")]
public sealed record VideoStats
{
    [Id(0)] public long Views { get; init; }
    [Id(1)] public long UniqueViewers { get; init; }
    [Id(2)] public double WatchTimeSeconds { get; init; }
    [Id(3)] public double AverageWatchSeconds { get; init; }
    /// <summary>100 shares: the fraction of sessions that watched each hundredth of the video.</summary>
    [Id(4)] public IReadOnlyList<double> Retention { get; init; } = [];
    [Id(5)] public int StartupP50Ms { get; init; }
    [Id(6)] public int StartupP95Ms { get; init; }
    [Id(7)] public double RebufferRatio { get; init; }
    [Id(8)] public IReadOnlyList<RenditionShare> Renditions { get; init; } = [];
    [Id(9)] public long Sessions { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.RenditionShare")]
public sealed record RenditionShare([property: Id(0)] string Name, [property: Id(1)] double Share);

public enum TimeseriesBucket { Hour, Day }

[GenerateSerializer, Immutable, Alias("VideoPlatform.TimeseriesPoint")]
public sealed record TimeseriesPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Views,
    [property: Id(2)] double WatchTimeSeconds);
