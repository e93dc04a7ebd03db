namespace VideoPlatform.Grains.Analytics;

[GenerateSerializer, Alias("VideoPlatform.TrendingState")]
public sealed class TrendingState
{
    [Id(0)] public TrendingScores Day { get; set; } = new() { TimeConstant = TimeSpan.FromHours(24) };
    [Id(1)] public TrendingScores Week { get; set; } = new() { TimeConstant = TimeSpan.FromDays(7) };
}

/// <summary>
/// The trending lists (key <see cref="Key"/>): view counts decayed with a time constant of a day and of a week.
/// The stats grains report new views as they flush; state is written on a timer, never per report.
/// </summary>
public sealed class TrendingGrain(
    [PersistentState("trending")] IPersistentState<TrendingState> state,
    TimeProvider time) : Grain, ITrendingGrain
{
    private static readonly TimeSpan WritePeriod = TimeSpan.FromSeconds(5);
    private const int MaxPage = 100;
    private bool dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(WriteAsync, new GrainTimerCreationOptions(WritePeriod, WritePeriod));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => WriteAsync();

    public Task AddViews(string videoId, long views, DateTimeOffset at)
    {
        state.State.Day.Add(videoId, views, at);
        state.State.Week.Add(videoId, views, at);
        dirty = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Top(TrendingWindow window, int offset, int count)
    {
        var scores = window == TrendingWindow.Day ? state.State.Day : state.State.Week;
        IReadOnlyList<string> page = scores.Ranked(time.GetUtcNow()).Skip(Math.Max(offset, 0)).Take(Math.Clamp(count, 1, MaxPage)).ToList();
        return Task.FromResult(page);
    }

    private async Task WriteAsync()
    {
        if (dirty)
        {
            dirty = false;
            await state.WriteStateAsync();
        }
    }
}
