using System.Buffers;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Recommendations;

namespace VideoPlatform.Api.Analytics;

/// <summary>
/// The rules of <c>POST /api/videos/{id}/events</c>: a batch is taken whole or refused whole (400 with a code),
/// and a taken batch becomes <see cref="PlaybackEvent"/>s with their ids. Pure: the caller brings the clock and duration.
/// </summary>
public static class PlaybackBatchValidation
{
    public const int MaxEvents = 100;
    public const int MinSessionId = 16;
    public const int MaxSessionId = 64;
    public const int MaxNameLength = 64;
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    /// <summary>Player clocks run a little ahead of ours.</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(2);
    /// <summary>How far past the end a player may report (the last segment may run over the probed duration).</summary>
    public const double PositionSlackSeconds = 5;
    private const int MaxMetricMs = 3_600_000;
    /// <summary>Sequences above this would overflow the event order (sequence × stride + index).</summary>
    private const long MaxSequence = long.MaxValue / PlaybackEvent.OrderStride - 1;

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    public sealed record Problem(string Code, string Detail);

    /// <summary>
    /// The events to publish, or the reason the batch is refused. <paramref name="duration"/> 0: not known yet. The
    /// events name their viewer by <paramref name="userId"/> when signed in, else by the batch's anonymous viewerId.
    /// </summary>
    public static (IReadOnlyList<PlaybackEvent>? Events, Problem? Problem) Validate(
        PlaybackBatchRequest request, double duration, DateTimeOffset now, string? userId = null)
    {
        if (!IsToken(request.SessionId, MinSessionId, MaxSessionId))
        {
            return Refuse("invalid_session", $"sessionId must be {MinSessionId}-{MaxSessionId} characters of A-Z, a-z, 0-9, '-', '_', '.'");
        }

        if (request.ViewerId is not null && !IsToken(request.ViewerId, MinSessionId, MaxSessionId))
        {
            return Refuse("invalid_viewer", $"viewerId must be {MinSessionId}-{MaxSessionId} characters of A-Z, a-z, 0-9, '-', '_', '.'");
        }

        if (request.Events is not { Count: > 0 } events)
        {
            return Refuse("invalid_events", "events must hold at least one event");
        }

        if (events.Count > MaxEvents)
        {
            return Refuse("too_many_events", $"a batch holds at most {MaxEvents} events");
        }

        if (request.Sequence is < 0 or > MaxSequence)
        {
            return Refuse("invalid_sequence", "sequence must be a non-negative integer");
        }

        // Until the video is probed its duration is unknown: positions are then bounded by the longest video accepted.
        var maxPosition = duration > 0 ? duration + PositionSlackSeconds : MaxAge.TotalSeconds;
        var result = new List<PlaybackEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (ProblemOf(e, i, maxPosition, now) is { } problem)
            {
                return (null, problem);
            }
        }

        var sequence = request.Sequence ?? events[0].At!.Value.ToUnixTimeMilliseconds();
        var viewer = userId is not null ? ViewerKeys.OfUser(userId) : request.ViewerId is { } anonymous ? ViewerKeys.OfAnonymous(anonymous) : null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            result.Add(new PlaybackEvent
            {
                EventId = PlaybackEvent.IdOf(request.SessionId!, sequence, i),
                SessionId = request.SessionId!,
                Order = (sequence * PlaybackEvent.OrderStride) + i,
                Type = Enum.Parse<PlaybackEventType>(e.Type!, ignoreCase: true),
                At = e.At!.Value.ToUniversalTime(),
                Position = e.Position!.Value,
                Rendition = e.Rendition,
                StartupMs = e.StartupMs,
                BufferingMs = e.BufferingMs,
                ErrorCode = e.ErrorCode,
                ViewerId = viewer,
            });
        }

        return (result, null);
    }

    private static Problem? ProblemOf(PlaybackEventRequest e, int index, double maxPosition, DateTimeOffset now)
    {
        if (e is null || e.Type is null || !Enum.TryParse<PlaybackEventType>(e.Type, ignoreCase: true, out _) || int.TryParse(e.Type, out _))
        {
            return new("invalid_event_type", $"events[{index}].type must be one of play, heartbeat, seek, pause, ended, error, rendition");
        }

        if (e.At is not { } at || at < now - MaxAge || at > now + FutureSkew)
        {
            return new("invalid_event_time", $"events[{index}].at must be a time within the last {MaxAge.TotalHours:0} hours");
        }

        if (e.Position is not { } position || !double.IsFinite(position) || position < 0 || position > maxPosition)
        {
            return new("invalid_position", $"events[{index}].position must be between 0 and {maxPosition:0.###} seconds");
        }

        if ((e.Rendition is not null && !IsToken(e.Rendition, 1, MaxNameLength)) || (e.ErrorCode is not null && !IsToken(e.ErrorCode, 1, MaxNameLength)))
        {
            return new("invalid_name", $"events[{index}].rendition and errorCode must be 1-{MaxNameLength} token characters");
        }

        if (e.StartupMs is < 0 or > MaxMetricMs || e.BufferingMs is < 0 or > MaxMetricMs)
        {
            return new("invalid_metric", $"events[{index}].startupMs and bufferingMs must be between 0 and {MaxMetricMs}");
        }

        return null;
    }

    private static bool IsToken(string? value, int min, int max) =>
        value is not null && value.Length >= min && value.Length <= max && !value.AsSpan().ContainsAnyExcept(TokenChars);

    private static (IReadOnlyList<PlaybackEvent>?, Problem?) Refuse(string code, string detail) => (null, new Problem(code, detail));
}
