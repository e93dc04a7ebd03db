using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Search;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Analytics;

/// <summary>
/// One video's playback stats. Each delivered batch is first appended to the warehouse, which keeps every event id
/// once and answers which ids are new: only those are counted, so a re-delivered batch changes nothing. State is
/// written on a timer; events stored but not yet written (a crash in between) are replayed from the warehouse on
/// activation, after the persisted <see cref="VideoStatsState.Watermark"/>.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Playback)]
public sealed class VideoStatsGrain(
    [PersistentState("stats")] IPersistentState<VideoStatsState> state,
    IAnalyticsWarehouse warehouse,
    TimeProvider time,
    ILogger<VideoStatsGrain> logger) : Grain, IVideoStatsGrain, IStreamSubscriptionObserver
{
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(1);
    private const int ReplayPage = 5_000;

    private PlaybackTally tally = null!;
    private double duration;
    private bool dirty;
    private long unreportedViews;

    private string VideoId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        tally = new PlaybackTally(state.State);
        await LoadDurationAsync();
        await ReplayAsync(cancellationToken);
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(FlushPeriod, FlushPeriod));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await FlushAsync();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<PlaybackEvent>().ResumeAsync(OnBatchAsync);

    public Task<VideoStats> Get() => Task.FromResult(tally.Snapshot());

    public Task<long> GetViews() => Task.FromResult(state.State.Views);

    public Task<IReadOnlyList<TimeseriesPoint>> Timeseries(DateTimeOffset from, DateTimeOffset to, TimeseriesBucket bucket) =>
        warehouse.TimeseriesAsync(VideoId, from, to, bucket);

    public async Task<VideoStats> Rebuild()
    {
        state.State = new VideoStatsState();
        tally = new PlaybackTally(state.State);
        unreportedViews = 0;
        await ReplayAsync(CancellationToken.None);
        dirty = true;
        await FlushAsync();
        return tally.Snapshot();
    }

    private async Task OnBatchAsync(IList<SequentialItem<PlaybackEvent>> items)
    {
        var events = items.Select(i => i.Item).ToList();
        var stored = await warehouse.AppendAsync(events.Select(e => WarehouseRows.From(VideoId, e)).ToList());
        if (stored.Count == 0)
        {
            return;
        }

        var fresh = stored.ToDictionary(s => s.EventId, s => s.Sequence);
        foreach (var e in events)
        {
            if (fresh.Remove(e.EventId, out var sequence))
            {
                Apply(sequence, e);
            }
        }
    }

    private async Task ReplayAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await warehouse.ReadPlaybackAsync(VideoId, state.State.Watermark, ReplayPage, cancellationToken);
            foreach (var (sequence, e) in page)
            {
                Apply(sequence, e);
            }

            if (page.Count < ReplayPage)
            {
                return;
            }
        }
    }

    private void Apply(long sequence, PlaybackEvent e)
    {
        unreportedViews += tally.Apply(e, duration);
        state.State.Watermark = Math.Max(state.State.Watermark, sequence);
        dirty = true;
    }

    private async Task FlushAsync()
    {
        if (duration <= 0 && dirty)
        {
            await LoadDurationAsync();
        }

        if (dirty)
        {
            dirty = false;
            await state.WriteStateAsync();
        }

        if (unreportedViews > 0)
        {
            var views = unreportedViews;
            unreportedViews = 0;
            await GrainFactory.GetGrain<ITrendingGrain>(ITrendingGrain.Key).AddViews(VideoId, views, time.GetUtcNow());
            // One-way: the search index keeps the count for its views sort, no stats call per result per query.
            await GrainFactory.GetGrain<ISearchProjectionGrain>(VideoId).ViewsChanged(state.State.Views);
        }
    }

    /// <summary>The retention curve needs the duration, known once the video is probed; until then it is not drawn.</summary>
    private async Task LoadDurationAsync()
    {
        try
        {
            duration = (await GrainFactory.GetGrain<IVideoGrain>(VideoId).Get())?.Source?.DurationSeconds ?? 0;
        }
        catch (OrleansException ex)
        {
            logger.LogWarning(ex, "Duration of video {VideoId} unavailable", VideoId);
        }
    }
}
