using VideoPlatform.Grains.Analytics;

namespace VideoPlatform.Tests.Grains.Analytics;

[Trait("Category", "Unit")]
public sealed class PlaybackTallyTests
{
    private const int Sessions = 200;
    private const double Duration = 100;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Workload_200Sessions_ExactViewsWatchTimeRetentionAndQoe()
    {
        var tally = new PlaybackTally(new VideoStatsState());
        var views = 0;
        for (var i = 0; i < Sessions; i++)
        {
            foreach (var e in PlaybackWorkload.Session("w", i, Start.AddMinutes(i)).SelectMany(b => b))
            {
                views += tally.Apply(e, Duration);
            }
        }

        var stats = tally.Snapshot();
        var watched = Enumerable.Range(0, Sessions).Select(PlaybackWorkload.WatchedBy).ToList();
        Assert.Equal(watched.Count(w => w >= 10), stats.Views);
        Assert.Equal(190, views);
        Assert.Equal(watched.Sum(), stats.WatchTimeSeconds, 6);
        Assert.Equal(watched.Sum() / Sessions, stats.AverageWatchSeconds, 3);
        for (var b = 0; b < 100; b++)
        {
            // Hundredth b of a 100 s video is second b: watched by every session that stayed past it.
            Assert.Equal(watched.Count(w => w > b) / (double)Sessions, stats.Retention[b], 4);
        }

        Assert.Equal(500, stats.StartupP50Ms);
        Assert.Equal(1000, stats.StartupP95Ms);
        Assert.Equal(Math.Round(100 / (watched.Sum() + 100), 4), stats.RebufferRatio);
        var hd = Enumerable.Range(0, Sessions).Where(i => i % 2 == 0).Sum(PlaybackWorkload.WatchedBy) / watched.Sum();
        Assert.Equal(Math.Round(hd, 4), stats.Renditions.Single(r => r.Name == "720p").Share);
        Assert.InRange(stats.UniqueViewers, Sessions * (1 - (3 * HyperLogLog.StandardError)), Sessions * (1 + (3 * HyperLogLog.StandardError)));
    }

    [Fact]
    public void Seek_TargetIsNotWatched_AndPauseStopsTheClock()
    {
        var tally = new PlaybackTally(new VideoStatsState());
        PlaybackEvent E(PlaybackEventType type, int second, double position, int index) => new()
        {
            EventId = $"s:0:{index}", SessionId = "seek-session-000001", Order = index, Type = type, At = Start.AddSeconds(second), Position = position,
        };

        tally.Apply(E(PlaybackEventType.Play, 0, 0, 0), Duration);
        tally.Apply(E(PlaybackEventType.Heartbeat, 5, 5, 1), Duration);
        tally.Apply(E(PlaybackEventType.Seek, 6, 80, 2), Duration);
        tally.Apply(E(PlaybackEventType.Heartbeat, 10, 84, 3), Duration);
        tally.Apply(E(PlaybackEventType.Pause, 12, 86, 4), Duration);
        tally.Apply(E(PlaybackEventType.Heartbeat, 100, 86, 5), Duration);

        var stats = tally.Snapshot();
        Assert.Equal(11, stats.WatchTimeSeconds, 6);
        Assert.Equal(1, stats.Views);
        Assert.Equal(0, stats.Retention[50]);
        Assert.Equal(1, stats.Retention[82]);
    }

    [Fact]
    public void Position_JumpBeyondElapsedTime_CountsOnlyTheTimeThatPassed()
    {
        var tally = new PlaybackTally(new VideoStatsState());
        tally.Apply(new PlaybackEvent { EventId = "a", SessionId = "jump-session-0001", Order = 0, Type = PlaybackEventType.Play, At = Start, Position = 0 }, Duration);
        tally.Apply(new PlaybackEvent { EventId = "b", SessionId = "jump-session-0001", Order = 1, Type = PlaybackEventType.Heartbeat, At = Start.AddSeconds(2), Position = 90 }, Duration);

        Assert.Equal(2 + WatchRule.SlackSeconds, tally.Snapshot().WatchTimeSeconds, 6);
        Assert.Equal(0, tally.Snapshot().Views);
    }
}
