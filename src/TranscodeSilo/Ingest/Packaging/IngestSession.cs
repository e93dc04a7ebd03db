using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Channels;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.TranscodeSilo.Ingest.Server;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>
/// One accepted publish on this node: media messages → bounded queue → FLV → FFmpeg → segments in the store,
/// and the lease on the live session renewed meanwhile. The socket loop only ever calls <see cref="Offer"/>,
/// which never waits: a full queue (FFmpeg too slow, or media that never lets it start) drops this publisher and nobody else.
/// </summary>
public sealed partial class IngestSession(IngestSessionContext context, IngestServices services, ILogger logger) : IDisposable
{
    private readonly MediaQueue queue = new(services.Settings.MaxQueuedMediaBytes, services.Metrics);
    private readonly CancellationTokenSource abort = new();
    private readonly CancellationTokenSource stopRenewing = new();
    private IDisposable? counted;
    private Task pump = Task.CompletedTask;
    private Task renewing = Task.CompletedTask;
    private SessionWatcher? watcher;
    private long mediaBytes;
    private volatile bool leaseLost;
    private volatile bool unpublished;

    public IngestSessionContext Context => context;

    /// <summary>Cancelled when this session cannot go on (FFmpeg gone, lease lost): the connection closes.</summary>
    public CancellationToken Aborted => abort.Token;

    public string? AbortReason { get; private set; }

    private IChannelGrain Channel => services.Grains.GetGrain<IChannelGrain>(context.ChannelId);

    private ILiveSessionGrain Session => services.Grains.GetGrain<ILiveSessionGrain>(context.SessionId);

    public void Start()
    {
        counted = services.Platform.LiveSessionStarted();
        pump = PumpAsync();
        renewing = RenewAsync();
    }

    /// <returns>False when the queue is full (in bytes): the caller drops the publisher.</returns>
    public bool Offer(RtmpMessage message)
    {
        Interlocked.Add(ref mediaBytes, message.Payload.Length);
        return queue.TryAdd(message);
    }

    /// <summary>The publisher is gone: let FFmpeg finish, publish the last segments, then tell the channel how it ended.</summary>
    public async Task FinishAsync(SessionEnd how)
    {
        // Read by the pump once the queue completes: a dropped publisher may resume this session, so only an
        // unpublish ends the live playlists.
        unpublished = how == SessionEnd.Unpublished;
        queue.Complete();
        await pump;
        queue.ReleaseAll();
        await stopRenewing.CancelAsync();
        await renewing;
        if (leaseLost)
        {
            return; // the session belongs to someone else now (or is over)
        }

        try
        {
            await Channel.EndPublish(context.SessionId, context.ConnectionId, how);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The lease will lapse and the channel ends the session on its own.
            logger.LogWarning(ex, "Session {Session}: could not report its end", context.SessionId);
        }
    }

    public void Dispose()
    {
        counted?.Dispose();
        if (watcher is not null)
        {
            services.Grains.DeleteObjectReference<ILiveSessionObserver>(watcher);
        }

        abort.Dispose();
        stopRenewing.Dispose();
    }

    private void Abort(string reason)
    {
        AbortReason ??= reason;
        try
        {
            abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RenewAsync()
    {
        var period = TimeSpan.FromTicks(Math.Max(context.Lease.Ticks / 3, TimeSpan.FromMilliseconds(200).Ticks));
        using var timer = new PeriodicTimer(period, services.Time);
        var last = services.Time.GetTimestamp();
        long lastBytes = 0;
        try
        {
            await WatchAsync();
            while (await timer.WaitForNextTickAsync(stopRenewing.Token))
            {
                var bytes = Interlocked.Read(ref mediaBytes);
                var seconds = Math.Max(0.001, services.Time.GetElapsedTime(last).TotalSeconds);
                var bitrate = (long)((bytes - lastBytes) * 8 / seconds);
                (last, lastBytes) = (services.Time.GetTimestamp(), bytes);
                try
                {
                    if (await Session.Renew(context.ConnectionId, bitrate) == SessionLease.Lost)
                    {
                        leaseLost = true;
                        Abort("lease lost");
                        return;
                    }
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    logger.LogWarning(ex, "Session {Session}: lease renewal failed", context.SessionId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>Who this session is: the channel's grant for one RTMP connection.</summary>
public sealed record IngestSessionContext(string ChannelId, string SessionId, string ConnectionId, TimeSpan Lease, bool Resumed, ChannelSettings Settings);
