using VideoPlatform.Grains.Analytics;

namespace VideoPlatform.Api.Contracts;

/// <summary>
/// A batch of player events. <see cref="Sequence"/> numbers the session's batches (0, 1, 2, …); a retry sends the same
/// number, so its events keep their ids. Absent, the first event's time (Unix ms) stands in for it.
/// <see cref="ViewerId"/> is an anonymous player's id kept across videos (local storage), so what it watches one
/// after another makes co-watch pairs; a signed-in caller is known by the account instead.
/// </summary>
public sealed record PlaybackBatchRequest(string? SessionId, long? Sequence, IReadOnlyList<PlaybackEventRequest>? Events, string? ViewerId = null);

public sealed record PlaybackEventRequest(
    string? Type, DateTimeOffset? At, double? Position, string? Rendition, int? StartupMs, int? BufferingMs, string? ErrorCode);

public sealed record StartupResponse(int P50, int P95);

public sealed record RenditionShareResponse(string Name, double Share);

public sealed record VideoStatsResponse(
    long Views,
    long UniqueViewers,
    double WatchTimeSeconds,
    double AverageWatchSeconds,
    IReadOnlyList<double> Retention,
    StartupResponse StartupMs,
    double RebufferRatio,
    IReadOnlyList<RenditionShareResponse> Renditions)
{
    public static VideoStatsResponse From(VideoStats s) => new(
        s.Views, s.UniqueViewers, s.WatchTimeSeconds, s.AverageWatchSeconds, s.Retention,
        new StartupResponse(s.StartupP50Ms, s.StartupP95Ms), s.RebufferRatio,
        s.Renditions.Select(r => new RenditionShareResponse(r.Name, r.Share)).ToList());
}

public sealed record TimeseriesPointResponse(DateTimeOffset At, long Views, double WatchTimeSeconds);

public sealed record TimeseriesResponse(IReadOnlyList<TimeseriesPointResponse> Items);

public sealed record RebuildResponse(int Videos);
