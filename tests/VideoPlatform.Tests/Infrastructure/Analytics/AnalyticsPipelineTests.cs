using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.Tests.Grains.Analytics;

namespace VideoPlatform.Tests.Infrastructure.Analytics;

/// <summary>Playback events through durable (ADO.NET) streams into the stats grains and the PostgreSQL warehouse.</summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class AnalyticsPipelineTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task LifecycleEvents_Stored_AndTheDocumentedJobQueryAnswers()
    {
        await using var analytics = await AnalyticsCluster.StartAsync(postgres);
        var day = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var provider = analytics.Client.GetStreamProvider(StreamNames.Provider);
        async Task Job(string video, params (TranscodeJobStatus To, int Second)[] steps)
        {
            var stream = provider.GetStream<TranscodeJobEvent>(StreamId.Create(StreamNames.TranscodeJob, video));
            var events = steps.Select(s => new TranscodeJobEvent(Guid.NewGuid(), video, null, s.To, 1, null, null, day.AddHours(1).AddSeconds(s.Second))).ToList();
            await stream.OnNextBatchAsync(events);
            await stream.OnNextAsync(events[0]);
        }

        await Job("job-ok", (TranscodeJobStatus.Queued, 0), (TranscodeJobStatus.Running, 10), (TranscodeJobStatus.Succeeded, 70));
        await Job("job-failed", (TranscodeJobStatus.Queued, 0), (TranscodeJobStatus.Running, 20), (TranscodeJobStatus.Failed, 50));
        await provider.GetStream<VideoEvent>(StreamId.Create(StreamNames.Video, "job-ok"))
            .OnNextAsync(new VideoEvent(Guid.NewGuid(), "job-ok", VideoStatus.Processing, VideoStatus.Ready, "ready", day, 3));
        await provider.GetStream<UploadEvent>(StreamId.Create(StreamNames.Upload, "upload-1"))
            .OnNextAsync(new UploadEvent(Guid.NewGuid(), "upload-1", "job-ok", null, UploadStatus.Active, UploadStatus.Completed, 10, day));
        await provider.GetStream<ChannelEvent>(StreamId.Create(StreamNames.Live, "channel-1"))
            .OnNextAsync(new ChannelEvent(Guid.NewGuid(), "channel-1", "live", "session-1", day, null));

        Assert.True(await Eventually.WaitAsync(async () => await analytics.ScalarAsync("SELECT count(*) FROM vp_analytics_events") == 9, Deadline));
        Assert.Equal(6, await analytics.ScalarAsync("SELECT count(*) FROM vp_analytics_events WHERE stream = 'transcode'"));

        await using var command = analytics.DataSource.CreateCommand(DocumentedQuery("docs/analytics.md"));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(day.UtcDateTime, reader.GetDateTime(0));
        Assert.Equal(2, reader.GetInt64(1));
        Assert.Equal(15, reader.GetDouble(2), 6);
        Assert.Equal(60, reader.GetDouble(3), 6);
        Assert.Equal(1, reader.GetInt64(4));
        Assert.False(await reader.ReadAsync());
    }

    /// <summary>The first SQL block of a document in the repository.</summary>
    private static string DocumentedQuery(string document)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "VideoPlatform.sln")))
        {
            folder = folder.Parent;
        }

        var text = File.ReadAllText(Path.Combine(folder.FullName, document));
        var start = text.IndexOf("```sql", StringComparison.Ordinal) + "```sql".Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task PoisonEvent_DeadLetteredAfterMaxAttempts_QueueKeepsFlowing()
    {
        await using var analytics = await AnalyticsCluster.StartAsync(postgres);
        var key = Guid.NewGuid();
        var stream = analytics.Client.GetStreamProvider(StreamNames.Provider).GetStream<int>(StreamId.Create(PoisonProbeGrain.Namespace, key));

        await stream.OnNextAsync(PoisonProbeGrain.Poison);
        for (var i = 1; i <= 50; i++)
        {
            await stream.OnNextAsync(i);
        }

        var probe = analytics.Client.GetGrain<IPoisonProbeGrain>(key);
        Assert.True(await Eventually.WaitAsync(async () => (await probe.Received()).Distinct().Count() == 50, Deadline), "the queue stalled behind the poison event");
        Assert.True(await Eventually.WaitAsync(async () => await analytics.ScalarAsync(
            "SELECT count(*) FROM OrleansStreamDeadLetter WHERE ProviderId = $1 AND Dequeued >= $2", StreamNames.Provider, AnalyticsCluster.MaxAttempts) == 1, Deadline),
            "the poison event did not reach the dead letters");
        Assert.Equal(0, await analytics.ScalarAsync("SELECT count(*) FROM OrleansStreamMessage WHERE ProviderId = $1", StreamNames.Provider));
    }

    [Fact]
    public async Task Playback_20000Events_PullingSiloKilled_EveryEventCountedOnce()
    {
        const int videos = 44;
        const int sessionsPerVideo = 40;
        const int batchSize = 25;
        await using var analytics = await AnalyticsCluster.StartAsync(postgres);
        var start = TimeProvider.System.GetUtcNow().AddHours(-1);
        var ids = new List<string>();
        var batches = new List<(string Video, IReadOnlyList<PlaybackEvent> Batch)>();
        for (var v = 0; v < videos; v++)
        {
            var id = await analytics.CreateVideoAsync();
            ids.Add(id);
            for (var s = 0; s < sessionsPerVideo; s++)
            {
                // Sessions 19 and 39 of every video watch 100 s: 21 events each; the others 5 × ((s % 20) + 1) s.
                batches.AddRange(PlaybackWorkload.Session(id, s, start.AddSeconds(s), batchSize).Select(b => (id, b)));
            }
        }

        var sent = batches.Sum(b => b.Batch.Count);
        Assert.True(sent >= 20_000, $"only {sent} events");
        var half = batches.Count / 2;
        await Task.WhenAll(batches.Take(half).Select(b => analytics.PublishAsync(b.Video, b.Batch)));
        // Both silos pull one of the two queues; the second one dies while its queue is being delivered.
        await analytics.Cluster.KillSiloAsync(analytics.Cluster.Silos[1]);
        await Task.WhenAll(batches.Skip(half).Select(b => analytics.PublishAsync(b.Video, b.Batch)));
        // A batch delivered again (as a client retry or a redelivery would) must not count twice.
        await analytics.PublishAsync(batches[0].Video, batches[0].Batch);

        var expectedViews = Enumerable.Range(0, sessionsPerVideo).Count(s => PlaybackWorkload.WatchedBy(s) >= 10);
        var expectedWatch = Enumerable.Range(0, sessionsPerVideo).Sum(PlaybackWorkload.WatchedBy);
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            var stats = await Task.WhenAll(ids.Select(id => analytics.Client.GetGrain<IVideoStatsGrain>(id).Get()));
            return stats.All(s => s.Views == expectedViews && Math.Abs(s.WatchTimeSeconds - expectedWatch) < 1e-6);
        }, Deadline, TimeSpan.FromSeconds(1)), "stats did not reach the known answers");

        var rows = await analytics.ScalarAsync("SELECT count(*) FROM vp_analytics_events WHERE stream = 'playback'");
        Assert.Equal(sent, rows);
        var final = await Task.WhenAll(ids.Select(id => analytics.Client.GetGrain<IVideoStatsGrain>(id).Get()));
        Assert.All(final, s => Assert.Equal(sessionsPerVideo, s.Sessions));

        // Timeseries read the warehouse with the same rule: their sums are the grain's totals.
        var series = await analytics.Client.GetGrain<IVideoStatsGrain>(ids[0]).Timeseries(start.AddDays(-1), TimeProvider.System.GetUtcNow().AddHours(1), TimeseriesBucket.Hour);
        Assert.Equal(expectedViews, series.Sum(p => p.Views));
        Assert.Equal(expectedWatch, series.Sum(p => p.WatchTimeSeconds), 3);

        // A rebuild from the warehouse gives the same answers.
        var rebuilt = await analytics.Client.GetGrain<IVideoStatsGrain>(ids[1]).Rebuild();
        Assert.Equal(expectedViews, rebuilt.Views);
        Assert.Equal(expectedWatch, rebuilt.WatchTimeSeconds, 6);
    }
}
