namespace VideoPlatform.Grains.Analytics;

/// <summary>
/// Folds playback events into <see cref="VideoStatsState"/>: views, unique viewers, watch time, retention, QoE.
/// Pure and synchronous; the grain decides when to persist. Callers hand each event once (the warehouse de-duplicates).
/// </summary>
public sealed class PlaybackTally(VideoStatsState state)
{
    public const int RetentionBuckets = 100;
    public const int StartupBucketMs = 10;
    public const int StartupBuckets = 1000;
    public const int MaxRenditions = 32;
    /// <summary>Sessions remembered per video; the oldest are forgotten beyond it (they have been counted already).</summary>
    public const int MaxTracks = 20_000;

    private readonly HyperLogLog unique = new(state.Unique);

    public VideoStatsState State => state;

    /// <summary>Applies one event; returns 1 when it made its session a view.</summary>
    public int Apply(PlaybackEvent e, double durationSeconds)
    {
        if (!state.Tracks.TryGetValue(e.SessionId, out var track))
        {
            ForgetOldestIfFull();
            track = new SessionTrack { LastType = PlaybackEventType.Pause, LastAt = e.At, LastPosition = e.Position };
            state.Tracks[e.SessionId] = track;
            state.Sessions++;
            unique.Add(e.SessionId);
            state.Unique = unique.Registers;
        }

        var watched = WatchRule.Watched(track.LastType, track.LastAt, track.LastPosition, e);
        var rendition = e.Rendition ?? track.Rendition;
        var newView = 0;
        if (watched > 0)
        {
            state.WatchSeconds += watched;
            track.Watched += watched;
            Cover(track, track.LastPosition, e.Position, durationSeconds);
            if (rendition is not null && (state.RenditionSeconds.ContainsKey(rendition) || state.RenditionSeconds.Count < MaxRenditions))
            {
                state.RenditionSeconds[rendition] = state.RenditionSeconds.GetValueOrDefault(rendition) + watched;
            }

            if (!track.Viewed && track.Watched >= WatchRule.ViewAfterSeconds)
            {
                track.Viewed = true;
                state.Views++;
                newView = 1;
            }
        }

        if (e.StartupMs is { } startup)
        {
            state.StartupHistogram[Math.Clamp(startup / StartupBucketMs, 0, StartupBuckets - 1)]++;
        }

        state.BufferingSeconds += (e.BufferingMs ?? 0) / 1000.0;
        track.LastType = e.Type;
        track.LastAt = e.At;
        track.LastPosition = e.Position;
        track.Rendition = rendition;
        return newView;
    }

    public VideoStats Snapshot()
    {
        var sessions = Math.Max(state.Sessions, 1);
        var renditionTotal = state.RenditionSeconds.Values.Sum();
        var played = state.WatchSeconds + state.BufferingSeconds;
        return new VideoStats
        {
            Views = state.Views,
            Sessions = state.Sessions,
            UniqueViewers = state.Sessions == 0 ? 0 : unique.Estimate(),
            WatchTimeSeconds = Math.Round(state.WatchSeconds, 3),
            AverageWatchSeconds = state.Sessions == 0 ? 0 : Math.Round(state.WatchSeconds / sessions, 3),
            Retention = state.RetentionSessions.Select(c => Math.Round((double)c / sessions, 4)).ToArray(),
            StartupP50Ms = StartupPercentile(0.50),
            StartupP95Ms = StartupPercentile(0.95),
            RebufferRatio = played <= 0 ? 0 : Math.Round(state.BufferingSeconds / played, 4),
            Renditions = state.RenditionSeconds
                .OrderByDescending(r => r.Value)
                .Select(r => new RenditionShare(r.Key, renditionTotal <= 0 ? 0 : Math.Round(r.Value / renditionTotal, 4)))
                .ToArray(),
        };
    }

    /// <summary>The lower edge of the histogram bucket that holds the given share of startups.</summary>
    private int StartupPercentile(double quantile)
    {
        long total = state.StartupHistogram.Sum(c => (long)c);
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < state.StartupHistogram.Length; i++)
        {
            seen += state.StartupHistogram[i];
            if (seen >= rank)
            {
                return i * StartupBucketMs;
            }
        }

        return (StartupBuckets - 1) * StartupBucketMs;
    }

    /// <summary>Marks the hundredths of the video between two positions; each counts once per session.</summary>
    private void Cover(SessionTrack track, double from, double to, double duration)
    {
        if (duration <= 0)
        {
            return;
        }

        var first = Math.Clamp((int)(from / duration * RetentionBuckets), 0, RetentionBuckets - 1);
        var last = Math.Clamp((int)(Math.Max(to - 1e-9, from) / duration * RetentionBuckets), 0, RetentionBuckets - 1);
        for (var b = first; b <= last; b++)
        {
            var bit = 1UL << (b % 64);
            var covered = b < 64 ? track.Covered0 : track.Covered1;
            if ((covered & bit) != 0)
            {
                continue;
            }

            if (b < 64)
            {
                track.Covered0 |= bit;
            }
            else
            {
                track.Covered1 |= bit;
            }

            state.RetentionSessions[b]++;
        }
    }

    private void ForgetOldestIfFull()
    {
        if (state.Tracks.Count < MaxTracks)
        {
            return;
        }

        foreach (var old in state.Tracks.OrderBy(t => t.Value.LastAt).Take(MaxTracks / 10).Select(t => t.Key).ToList())
        {
            state.Tracks.Remove(old);
        }
    }
}
