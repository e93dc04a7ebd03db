namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// The content index's hot lists, served by each worker (key 0) from its copy. A copy older than
/// <see cref="Lifetime"/> is still served while a fresh one is fetched in the background: the content index answers
/// after whatever similarity searches queue in front of it, and no home feed should wait for that.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class HotListsGrain(TimeProvider time) : Grain, IHotListsGrain
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private Task<HotLists>? first;
    private HotLists? lists;
    private DateTimeOffset fetchedAt;
    private bool refreshing;

    public async Task<HotLists> Get()
    {
        if (lists is null)
        {
            first ??= FetchAsync();
            try
            {
                return await first;
            }
            catch
            {
                first = null;
                throw;
            }
        }

        if (!refreshing && time.GetUtcNow() - fetchedAt > Lifetime)
        {
            refreshing = true;
            _ = RefreshAsync();
        }

        return lists;
    }

    private async Task RefreshAsync()
    {
        try
        {
            await FetchAsync();
        }
        catch (Exception)
        {
            // The copy held stays served; the next request after Lifetime tries again.
        }
        finally
        {
            refreshing = false;
        }
    }

    private async Task<HotLists> FetchAsync()
    {
        var fetched = await GrainFactory.GetGrain<IContentIndexGrain>(IContentIndexGrain.Key).Hot();
        (lists, fetchedAt) = (fetched, time.GetUtcNow());
        return fetched;
    }
}
