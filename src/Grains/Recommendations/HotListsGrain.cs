namespace VideoPlatform.Grains.Recommendations;

/// <summary>The content index's hot lists, reused for <see cref="Lifetime"/> by each worker (key 0).</summary>
[StatelessWorker]
public sealed class HotListsGrain(TimeProvider time) : Grain, IHotListsGrain
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private HotLists? lists;
    private DateTimeOffset fetchedAt;

    public async Task<HotLists> Get()
    {
        var now = time.GetUtcNow();
        if (lists is null || now - fetchedAt > Lifetime)
        {
            lists = await GrainFactory.GetGrain<IContentIndexGrain>(IContentIndexGrain.Key).Hot();
            fetchedAt = now;
        }

        return lists;
    }
}
