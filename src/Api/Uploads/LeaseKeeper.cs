using VideoPlatform.Grains.Uploads;

namespace VideoPlatform.Api.Uploads;

/// <summary>
/// Renews a PATCH lease while the body streams (every third of the lease). When the grain says the lease is gone
/// (terminated, expired, taken over after a stall) <see cref="Token"/> is canceled so the writer stops.
/// </summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public LeaseKeeper(IUploadGrain grain, Guid token, TimeSpan lease, TimeProvider time)
    {
        loop = RenewAsync(grain, token, lease, time);
    }

    public CancellationToken Token => lost.Token;

    public bool Lost => lost.IsCancellationRequested;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        lost.Dispose();
        stop.Dispose();
    }

    private async Task RenewAsync(IUploadGrain grain, Guid token, TimeSpan lease, TimeProvider time)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                bool held;
                try
                {
                    held = await grain.RenewLease(token, lease);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    continue; // a transient cluster error: the next tick tries again before the lease runs out
                }

                if (!held)
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
