using VideoPlatform.Grains.Transcoding;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>Why the job told this worker to stop: Canceled (video deleted) or Lost (another attempt owns it).</summary>
internal sealed class StopReason
{
    private int status = (int)LeaseStatus.Ok;

    public LeaseStatus Status => (LeaseStatus)Volatile.Read(ref status);

    public async Task StopAsync(LeaseStatus why, CancellationTokenSource abort)
    {
        Interlocked.CompareExchange(ref status, (int)why, (int)LeaseStatus.Ok);
        await abort.CancelAsync();
    }
}
